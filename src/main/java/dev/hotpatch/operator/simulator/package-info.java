/**
 * The ARM simulator: an in-process stand-in for Azure Resource Manager (Compute VMs) that the real
 * Azure SDK talks to over HTTP. Start it with {@link
 * dev.hotpatch.operator.simulator.ArmSimulator#builder()}.
 *
 * <h2>Routes (paths matched case-insensitively; any api-version accepted and recorded)</h2>
 *
 * <ul>
 *   <li>{@code GET|PATCH|PUT|DELETE
 *       /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/{vm}}
 *       ({@code $expand=instanceView}); {@code GET .../{vm}/instanceView}
 *   <li>{@code GET /subscriptions/{s}/providers/Microsoft.Compute/virtualMachines} (statusOnly=true
 *       adds {@code properties.instanceView}; the full model is sent too), {@code GET
 *       .../resourceGroups/{rg}/providers/ Microsoft.Compute/virtualMachines} ({@code
 *       $expand=instanceView}), {@code GET .../locations/{loc}/virtualMachines}; pages of {@code
 *       pageSize} with an absolute {@code nextLink}
 *   <li>{@code POST .../{vm}/assessPatches|installPatches|restart}: 202, empty body, absolute
 *       {@code Azure-AsyncOperation} and {@code Location} (= the same URL plus {@code
 *       &monitor=true}), {@code Retry-After} from {@link
 *       dev.hotpatch.operator.simulator.OperationTimings#pollRetryAfterSeconds()}
 *   <li>{@code GET /subscriptions/{s}/providers/Microsoft.Compute/locations/{loc}/operations/{id}}:
 *       status {@code {name,status,startTime[,endTime][,error][,properties.output]}}; with {@code
 *       monitor=true}: 202 while running, 200 with the result body once done (also for a Failed
 *       install: its result has status Failed)
 *   <li>Phase 2 (VM creation): {@code PUT} VM (201 "Creating" + Azure-AsyncOperation), virtual
 *       networks and subnets, network interfaces, public IPs, network security groups, disks,
 *       resource groups. Their operations live where Azure puts them: {@code
 *       .../providers/Microsoft.Network/locations/{loc}/operations/{id}} (result: {@code
 *       .../operationResults/{id}}) for Microsoft.Network, {@code
 *       .../providers/Microsoft.Compute/locations/{loc}/DiskOperations/{id}} for disks; each is
 *       found only there (the Azure role needs a read action for each).
 * </ul>
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li>An operation finishes once its duration ({@link
 *       dev.hotpatch.operator.simulator.OperationTimings}) has elapsed on the injected clock and it
 *       has been polled at least once while InProgress; its end time is the later of the two.
 *       Effects (builds, reboots) happen then.
 *   <li>installPatches: candidates are the catalog releases for the VM's OS released by the start
 *       date whose build is above the VM's and which it has not installed. Only the newest missing
 *       baseline is offered (older ones are superseded); a hotpatch is installable only on its own
 *       baseline (else NotSelected); when a baseline is selected the old baseline's hotpatches are
 *       superseded (not listed). Filters: kbNumbersToInclude (others NotSelected),
 *       kbNumbersToExclude and excludeKbsRequiringReboot (Excluded), maxPatchPublishDate,
 *       classificationsToInclude (releases are "Security Updates"). Hotpatches move the build at
 *       once (rebootStatus NotNeeded). A baseline with rebootSetting Never leaves rebootPending
 *       (rebootStatus Required, build unchanged); IfRequired (when a reboot is pending) and Always
 *       reboot: a {@link dev.hotpatch.operator.simulator.RebootRecord} with cause "installPatches",
 *       and the build becomes the baseline's. {@code restart} reboots (cause "restart") and
 *       completes a pending baseline. Result kbIds are digits; request KBs need the KB prefix.
 *   <li>Only one install or restart at a time per VM (else 409 OperationNotAllowed); patch
 *       operations need the VM running (else 409).
 *   <li>Throttling on the injected clock (sliding minute): assess+install 2 per VM and 200 per
 *       subscription, lists 300 per subscription; beyond: 429 OperationNotAllowed with Retry-After
 *       and {@code x-ms-ratelimit-remaining-resource}. Rejected (e.g. 400) patch calls count too.
 *   <li>PATCH merges only the fields sent, validates patch settings with Compute's rules (400
 *       InvalidParameter with target; PropertyChangeNotAllowed for enableAutomaticUpdates /
 *       provisionVMAgent), answers 200 "Updating" with Azure-AsyncOperation (or 200 Succeeded with
 *       synchronous updates).
 *   <li>Without a VM agent (provisionVMAgent false) or when not running, the instance view has no
 *       osName/osVersion.
 * </ul>
 *
 * <h2>Behaviour: how honest ({@link dev.hotpatch.operator.simulator.SimulatorBehaviour})</h2>
 *
 * <p>Set with {@code ArmSimulator.Builder.behaviour(...)}; the default is {@code friendly()} (all
 * of the below off: the semantics above exactly). {@code azureLike()} turns on what Azure does,
 * with these defaults (each has a {@code withX} wither; randomness from {@code new Random(seed)}):
 *
 * <ul>
 *   <li>{@code instanceViewLag} 3 min: osName/osVersion and patchStatus in instance views and lists
 *       show what the agent reported that long ago (an install's InProgress summary, its result, a
 *       reboot's new build).
 *   <li>{@code clockSkew} +2 min: added to every reported timestamp (operation startTime/endTime,
 *       result startDateTime, summaries' startTime/lastModifiedTime, timeCreated, status times).
 *       {@code operationHistory()} and {@code rebootLedger()} keep the true (injected) time.
 *   <li>{@code lostAnswerProbability} 0 (the fuzzer sets it): a request that starts an operation on
 *       a VM runs it, but its client gets a 500, a 504 or a reset connection ({@link
 *       dev.hotpatch.operator.simulator.LostAnswer}); also {@code faults().loseNextAnswer(vm,
 *       action, how)}. The SDK's RetryPolicy resends after a 500/504/reset.
 *   <li>{@code conflictWhileBusy} true: installPatches, assessPatches, restart and PATCH answer 409
 *       OperationNotAllowed ("An operation is in progress on the VM ...") while any operation runs
 *       on the VM (friendly: only installs and restarts block each other).
 *   <li>{@code agentNotReadyAfterReboot} 5 min: after a reboot or a creation the vmAgent status is
 *       "Not Ready" (ProvisioningState/Unavailable) and there is no osName, osVersion, patchStatus.
 *   <li>{@code staleResultProbability} 0.25, {@code staleResultPolls} 1: the Location URL still
 *       answers 202 after success (the SDK then returns a null final result with no error).
 *   <li>{@code transientErrorProbability} 0.02: operation polls and VM lists answer 500/502/503
 *       with Retry-After (without a retry policy, the SDK's poller takes a 5xx poll as FAILED).
 *   <li>{@code validateMaximumDuration} true in [{@code maximumDurationMin} PT30M, {@code
 *       maximumDurationMax} PT4H]: fractional ({@code PT1H37M0.25S}), malformed or out-of-range
 *       values answer 400 InvalidParameter, target maximumDuration (the range is not documented in
 *       azure-arm-facts.md; see {@link dev.hotpatch.operator.simulator.MaximumDuration}).
 *   <li>{@code longOperationUrls} true: Azure-AsyncOperation/Location carry signed {@code p, t, c,
 *       s, h} parameters (~3,300 characters) and the api-version of the starting call.
 *   <li>{@code platformPatching} true, {@code platformPatchLocalHour} 3, {@code
 *       platformPatchInterval} null: every day at 03:00 in the region's time zone, the platform
 *       installs released Critical/Security updates on running AutomaticByPlatform VMs that no
 *       client operation is changing: a hotpatch of the VM's baseline moves the build at once; a
 *       newer baseline stays pending (rebootPending, build unchanged) when the VM's rebootSetting
 *       is Never, and reboots it otherwise (Azure's default is IfRequired). History action {@code
 *       platformPatch}, origin PLATFORM. Evaluated lazily as the clock passes.
 *   <li>{@code platformRebootsPerVmPerDay} 0: seeded random reboots of Azure's own (cause
 *       "hostMaintenance"); also {@code rebootByPlatform(sub, rg, name, cause)}. Each completes a
 *       pending baseline; ledger origin PLATFORM, history action {@code platformReboot}.
 * </ul>
 */
package dev.hotpatch.operator.simulator;
