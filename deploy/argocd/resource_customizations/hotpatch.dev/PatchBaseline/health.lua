-- Argo CD health check for hotpatch.dev/PatchBaseline (argocd-cm key
-- resource.customizations.health.hotpatch.dev_PatchBaseline).
-- Read from the status hotpatch-operator writes (src/main/java/dev/hotpatch/operator/reconciler/
-- PatchBaselineReconciler.java): status.observedGeneration, the VM counts and the Ready and Paused
-- conditions.
--   Progressing: no status yet, or status.observedGeneration behind metadata.generation.
--   Degraded: Ready=False or Paused=True with a reason the tables below call Degraded.
--   Healthy: Ready=True (every targeted VM converged; a pause then holds nothing back).
--   Suspended: Paused=True with a reason the table calls Suspended.
--   Otherwise Progressing (rolling out, or a reason from a newer operator).
-- Uses only the base library: Argo CD runs argocd-cm health checks without the standard libraries
-- unless resource.customizations.useOpenLibs is set.
local hs = {}

-- Reasons, each as the operator emits it. ArgoCdHealthTest keeps these tables equal to the
-- reasons the code emits: Degraded exactly for those of them in StatusWriter.FAILURES.
local notReady = {
  InvalidSpec = "Degraded",
  RollingOut = "Progressing"
}
local paused = {
  FailureBudgetSpent = "Degraded",
  PausedBySpec = "Suspended"
}

local function condition(ctype)
  if obj.status.conditions == nil then
    return nil
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == ctype then
      return c
    end
  end
  return nil
end

-- "Reason: message", or what there is of the two.
local function explain(c)
  local reason = c.reason
  if reason == nil or reason == "" then
    reason = c.type .. "=" .. tostring(c.status)
  end
  if c.message == nil or c.message == "" then
    return reason
  end
  return reason .. ": " .. c.message
end

local function counts()
  local s = obj.status
  return tostring(s.converged or 0) .. "/" .. tostring(s.targeted or 0) .. " VMs converged, "
      .. tostring(s.transitioning or 0) .. " transitioning, " .. tostring(s.failed or 0) .. " failed"
end

local function classify(reasons, c)
  if c.reason == nil then
    return nil
  end
  return reasons[c.reason]
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
local pause = condition("Paused")
if pause ~= nil and pause.status ~= "True" then
  pause = nil
end

if ready ~= nil and ready.status ~= "True" and classify(notReady, ready) == "Degraded" then
  hs.status = "Degraded"
  hs.message = explain(ready)
  return hs
end

if pause ~= nil and classify(paused, pause) == "Degraded" then
  hs.status = "Degraded"
  hs.message = explain(pause)
  return hs
end

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  if ready.message ~= nil and ready.message ~= "" then
    hs.message = ready.message
  else
    hs.message = explain(ready)
  end
  return hs
end

if pause ~= nil and classify(paused, pause) == "Suspended" then
  hs.status = "Suspended"
  hs.message = explain(pause)
  return hs
end

hs.status = "Progressing"
if ready == nil then
  hs.message = "Waiting for the Ready condition (" .. counts() .. ")"
elseif ready.reason ~= nil and ready.reason ~= "" then
  hs.message = ready.reason .. ": " .. counts()
else
  hs.message = counts()
end
return hs
