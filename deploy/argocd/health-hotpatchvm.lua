-- Argo CD health check for hotpatch.dev/HotpatchVM (resource.customizations.health.hotpatch.dev_HotpatchVM).
-- Healthy: Ready=True and status.observedGeneration == metadata.generation.
-- Degraded: Ready=False with a failure reason. Suspended: spec.suspend. Otherwise Progressing.
local hs = {}

local function condition(ctype)
  if obj.status == nil or obj.status.conditions == nil then
    return nil
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == ctype then
      return c
    end
  end
  return nil
end

local function describe(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    return c.message
  end
  if c ~= nil and c.reason ~= nil and c.reason ~= "" then
    return c.reason
  end
  return fallback
end

-- Reasons that need a person (or a spec change) to move on; any other Ready=False reason is
-- taken as transient (waiting for a window, a rollout slot, an Azure operation...).
local failureReasons = {
  Failed = true, Ineligible = true, NotEligible = true, CannotOrchestrate = true,
  AzureError = true, InvalidSpec = true, BaselineNotFound = true, SecretNotFound = true,
  CredentialsNotFound = true, CredentialsInvalid = true, VmNotFound = true, Forbidden = true,
  BaselineInvalid = true, AutomaticUpdatesDisabled = true, VmAgentNotProvisioned = true,
  TransitionTimedOut = true, WrongOs = true, PasswordSecretNotFound = true, FailureBudgetSpent = true,
  TransitionOverdue = true, Conflict = true, CreateOverdue = true,
  DeleteOverdue = true
}
local function isFailure(reason)
  if reason == nil then
    return false
  end
  return failureReasons[reason] == true or string.find(reason, "Failed$") ~= nil
      or string.find(reason, "Error$") ~= nil
end

local progressingPhases = {
  Transitioning = true, Installing = true, Orchestrating = true, Creating = true, Pending = true
}

if obj.spec ~= nil and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "Suspended (spec.suspend is true): the operator observes the VM but does not act"
  return hs
end

if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end

local generation = nil
if obj.metadata ~= nil then
  generation = obj.metadata.generation
end
local observed = obj.status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local ready = condition("Ready")
if ready ~= nil and ready.status == "False" and isFailure(ready.reason) then
  hs.status = "Degraded"
  hs.message = (ready.reason or "Failed") .. ": " .. describe(ready, "the VM cannot converge")
  return hs
end

local phase = obj.status.phase
if phase ~= nil and progressingPhases[phase] then
  hs.status = "Progressing"
  hs.message = phase .. ": " .. describe(ready, "operation in progress")
  return hs
end

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready, "VM is on its baseline")
  return hs
end

hs.status = "Progressing"
if ready == nil then
  hs.message = "Waiting for the Ready condition"
else
  hs.message = describe(ready, "Not ready yet")
end
return hs
