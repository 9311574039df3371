-- Argo CD health check for hotpatch.dev/PatchBaseline (resource.customizations.health.hotpatch.dev_PatchBaseline).
-- Healthy: Ready=True and status.observedGeneration == metadata.generation.
-- Degraded: Ready=False with a failure reason. Suspended: spec.rollout.paused or Paused=True.
-- Otherwise Progressing.
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
-- taken as transient (rolling out, waiting for a window...).
local failureReasons = {
  Failed = true, InvalidSpec = true, AzureError = true, FailureBudgetExhausted = true,
  FailureBudgetSpent = true
}
local function isFailure(reason)
  if reason == nil then
    return false
  end
  return failureReasons[reason] == true or string.find(reason, "Failed$") ~= nil
      or string.find(reason, "Error$") ~= nil
end

local function counts()
  local s = obj.status
  return tostring(s.converged or 0) .. "/" .. tostring(s.targeted or 0) .. " VMs converged, "
      .. tostring(s.transitioning or 0) .. " transitioning, " .. tostring(s.failed or 0) .. " failed"
end

if obj.spec ~= nil and obj.spec.rollout ~= nil and obj.spec.rollout.paused == true then
  hs.status = "Suspended"
  hs.message = "Rollout paused (spec.rollout.paused is true)"
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
  hs.message = (ready.reason or "Failed") .. ": " .. describe(ready, counts())
  return hs
end

local paused = condition("Paused")
if paused ~= nil and paused.status == "True" then
  hs.status = "Suspended"
  hs.message = "Rollout paused: " .. describe(paused, counts())
  return hs
end

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready, counts())
  return hs
end

hs.status = "Progressing"
if ready == nil then
  hs.message = "Waiting for the Ready condition (" .. counts() .. ")"
elseif ready.message ~= nil and ready.message ~= "" then
  hs.message = ready.message
else
  hs.message = (ready.reason or "NotReady") .. ": " .. counts()
end
return hs
