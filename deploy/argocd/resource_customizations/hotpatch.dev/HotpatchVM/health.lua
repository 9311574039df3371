-- Argo CD health check for hotpatch.dev/HotpatchVM (argocd-cm key
-- resource.customizations.health.hotpatch.dev_HotpatchVM).
-- Read from the status hotpatch-operator writes: status.observedGeneration, status.phase and the
-- Ready condition (src/main/java/dev/hotpatch/operator/reconciler: HotpatchVMReconciler and its
-- steps set them; StatusWriter.FAILURES lists the reasons that need a person).
--   Progressing: no status yet, or status.observedGeneration (or the Ready condition's, when
--   newer) behind metadata.generation.
--   Healthy: Ready=True.
--   Otherwise the Ready reason decides, from the table below; phase Failed is always Degraded (so
--   is TransitionTimedOut, which 0.1.0 wrote and an upgraded operator keeps), and a reason not in
--   the table (from a newer operator) is Progressing.
-- Uses only the base library: Argo CD runs argocd-cm health checks without the standard libraries
-- unless resource.customizations.useOpenLibs is set.
local hs = {}

-- Ready=False reasons, each as the operator emits it. ArgoCdHealthTest keeps this table equal to
-- the reasons the code emits: Degraded exactly for those of them in StatusWriter.FAILURES.
local notReady = {
  -- The spec, its references or the VM need a person (or Azure failed): StatusWriter.FAILURES.
  InvalidSpec = "Degraded",
  Conflict = "Degraded",
  BaselineNotFound = "Degraded",
  BaselineInvalid = "Degraded",
  CredentialsNotFound = "Degraded",
  PasswordSecretNotFound = "Degraded",
  VmNotFound = "Degraded",
  Ineligible = "Degraded",
  AutomaticUpdatesDisabled = "Degraded",
  VmAgentNotProvisioned = "Degraded",
  WrongOs = "Degraded",
  AzureError = "Degraded",
  ReconcileError = "Degraded",
  OrchestrationFailed = "Degraded",
  InstallFailed = "Degraded",
  TransitionFailed = "Degraded",
  TransitionOverdue = "Degraded",
  CreateFailed = "Degraded",
  CreateOverdue = "Degraded",
  DeleteFailed = "Degraded",
  DeleteOverdue = "Degraded",
  FailureBudgetSpent = "Degraded",
  FleetViewStale = "Degraded",
  -- Held on purpose until someone resumes it: spec.suspend, or the baseline's rollout paused.
  Suspended = "Suspended",
  RolloutPaused = "Suspended",
  -- Work in flight, or waiting for a window, a slot or Azure: moves on by itself.
  Orchestrating = "Progressing",
  Creating = "Progressing",
  Transitioning = "Progressing",
  InstallingHotpatches = "Progressing",
  HotpatchNotApplied = "Progressing",
  AzureBusy = "Progressing",
  AzureQuota = "Progressing",
  OsBuildUnknown = "Progressing",
  OutsideMaintenanceWindow = "Progressing",
  NoRolloutSlot = "Progressing",
  FleetViewLoading = "Progressing",
  Deleting = "Progressing",
  WaitingForOperation = "Progressing"
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
    reason = "Ready=" .. tostring(c.status)
  end
  if c.message == nil or c.message == "" then
    return reason
  end
  return reason .. ": " .. c.message
end

if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end

local ready = condition("Ready")

-- The operator's error hook (a reconcile that threw) sets only the Ready condition, stamped with
-- the generation it saw: that counts as observed too.
local generation = nil
if obj.metadata ~= nil then
  generation = obj.metadata.generation
end
local observed = obj.status.observedGeneration
if ready ~= nil and ready.observedGeneration ~= nil
    and (observed == nil or ready.observedGeneration > observed) then
  observed = ready.observedGeneration
end
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Ready condition"
  return hs
end

if ready.status == "True" then
  hs.status = "Healthy"
  if ready.message ~= nil and ready.message ~= "" then
    hs.message = ready.message
  else
    hs.message = explain(ready)
  end
  return hs
end

hs.status = "Progressing"
if ready.reason ~= nil and notReady[ready.reason] ~= nil then
  hs.status = notReady[ready.reason]
end
if obj.status.phase == "Failed" then
  hs.status = "Degraded"
end
hs.message = explain(ready)
return hs
