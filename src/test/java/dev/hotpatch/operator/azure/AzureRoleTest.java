package dev.hotpatch.operator.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import dev.hotpatch.operator.simulator.RequestRecord;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Azure custom roles in {@code deploy/azure/} follow the code. The real gateway ({@link
 * SdkAzureGateway}) drives every call of {@link AzureGateway} against the ARM simulator, one
 * feature at a time and in the order the reconciler makes them; every request the simulator
 * received is mapped to the RBAC actions Azure checks for it ({@link #RULES}); each role file must
 * hold exactly the actions of its feature: {@code role.json} the core (fleet reads, orchestration,
 * patching), {@code role-create.json} what {@code spec.create} adds, {@code role-delete.json} what
 * {@code deletionPolicy: Delete} adds. A request no rule maps fails the test: add its rule (the
 * action is in Azure's resource provider operations list) and the action to the right role. That
 * the files are valid role definitions is {@code install/PackagingTest}'s part.
 */
class AzureRoleTest {
  private static final String SUB = "00000000-0000-0000-0000-000000000001";
  private static final String RG = "rg";
  private static final String LOCATION = "westeurope";
  private static final Path DEPLOY =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().resolve("deploy");

  /** What a deployment may turn on; each has its own role file. */
  enum Feature {
    /** Always: list and read VMs, orchestrate them, assess and install patches, poll. */
    CORE("role.json"),
    /** Optional, {@code spec.create}: a virtual network (or an existing subnet), a NIC, the VM. */
    CREATE("role-create.json"),
    /** Optional, {@code deletionPolicy: Delete}: the VM, then leftover NIC, OS disk and network. */
    DELETE("role-delete.json");

    final String file;

    Feature(String file) {
      this.file = file;
    }
  }

  /** A kind of ARM request (method, path shape) and the actions Azure checks for it. */
  record Rule(String method, Pattern path, String shape, List<String> actions) {
    boolean matches(RequestRecord r) {
      return method.equalsIgnoreCase(r.method()) && path.matcher(r.path()).matches();
    }
  }

  private static final String NAME = "[^/]+";
  private static final String SUBSCRIPTION = "/subscriptions/" + NAME;
  private static final String GROUP = SUBSCRIPTION + "/resourceGroups/" + NAME;
  private static final String VM = GROUP + "/providers/Microsoft.Compute/virtualMachines/" + NAME;
  private static final String VNET = GROUP + "/providers/Microsoft.Network/virtualNetworks/" + NAME;
  private static final String NIC =
      GROUP + "/providers/Microsoft.Network/networkInterfaces/" + NAME;
  private static final String DISK = GROUP + "/providers/Microsoft.Compute/disks/" + NAME;

  /**
   * Every kind of request the gateway sends, and what Azure checks for it: the action of the
   * request's own path and method (ARM ignores the query: {@code $expand=instanceView} and {@code
   * statusOnly=true} are plain reads), plus the linked access checks of resources named in the body
   * (a NIC's subnet, a VM's NIC).
   */
  static final List<Rule> RULES =
      List.of(
          rule(
              "GET",
              SUBSCRIPTION + "/providers/Microsoft.Compute/virtualMachines",
              "Microsoft.Compute/virtualMachines/read"),
          rule("GET", VM, "Microsoft.Compute/virtualMachines/read"),
          // The fleet read through Resource Graph (--fleet-source resource-graph): a tenant-level
          // query whose rows are those the caller may read, the VMs and Update Manager's
          // assessment and installation results (its documented read permissions); without the
          // last two their columns would come back empty, not refused.
          rule(
              "POST",
              "/providers/Microsoft.ResourceGraph/resources",
              "Microsoft.ResourceGraph/resources/read",
              "Microsoft.Compute/virtualMachines/read",
              "Microsoft.Compute/virtualMachines/patchAssessmentResults/read",
              "Microsoft.Compute/virtualMachines/patchInstallationResults/read"),
          // The orchestration PATCH names no other resource.
          rule("PATCH", VM, "Microsoft.Compute/virtualMachines/write"),
          // Creation: the VM's NIC is a linked resource (its OS disk is made by Compute itself).
          rule(
              "PUT",
              VM,
              "Microsoft.Compute/virtualMachines/write",
              "Microsoft.Network/networkInterfaces/join/action"),
          rule("DELETE", VM, "Microsoft.Compute/virtualMachines/delete"),
          rule(
              "POST",
              VM + "/assessPatches",
              "Microsoft.Compute/virtualMachines/assessPatches/action"),
          rule(
              "POST",
              VM + "/installPatches",
              "Microsoft.Compute/virtualMachines/installPatches/action"),
          // Azure-AsyncOperation and Location URLs, where each provider publishes them.
          rule(
              "GET",
              SUBSCRIPTION
                  + "/providers/Microsoft.Compute/locations/"
                  + NAME
                  + "/operations/"
                  + NAME,
              "Microsoft.Compute/locations/operations/read"),
          rule(
              "GET",
              SUBSCRIPTION
                  + "/providers/Microsoft.Compute/locations/"
                  + NAME
                  + "/DiskOperations/"
                  + NAME,
              "Microsoft.Compute/locations/diskOperations/read"),
          rule(
              "GET",
              SUBSCRIPTION
                  + "/providers/Microsoft.Network/locations/"
                  + NAME
                  + "/operations/"
                  + NAME,
              "Microsoft.Network/locations/operations/read"),
          rule("GET", VNET, "Microsoft.Network/virtualNetworks/read"),
          // The subnets are inline in the body: no subnet write of their own.
          rule("PUT", VNET, "Microsoft.Network/virtualNetworks/write"),
          rule("DELETE", VNET, "Microsoft.Network/virtualNetworks/delete"),
          rule("GET", NIC, "Microsoft.Network/networkInterfaces/read"),
          // The NIC's subnet is a linked resource.
          rule(
              "PUT",
              NIC,
              "Microsoft.Network/networkInterfaces/write",
              "Microsoft.Network/virtualNetworks/subnets/join/action"),
          rule("DELETE", NIC, "Microsoft.Network/networkInterfaces/delete"),
          rule("GET", DISK, "Microsoft.Compute/disks/read"),
          rule("DELETE", DISK, "Microsoft.Compute/disks/delete"));

  private static Rule rule(String method, String path, String... actions) {
    return new Rule(
        method, Pattern.compile("(?i)^" + path + "/?$"), method + " " + path, List.of(actions));
  }

  /** A clock the test moves, so Azure's operations finish. */
  private final dev.hotpatch.operator.devtools.SimulatedClock clock =
      new dev.hotpatch.operator.devtools.SimulatedClock(Instant.parse("2026-04-18T20:00:00Z"));

  private ArmSimulator sim;
  private AzureGateway gateway;
  private AzureGateway resourceGraph;

  /** The gateway methods the features called. */
  private final Set<String> called = new TreeSet<>();

  private final Map<Feature, List<RequestRecord>> sent = new EnumMap<>(Feature.class);

  @BeforeEach
  void start() {
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .fleet(
                FleetSeed.fromYaml(
                    """
                    vms:
                      - {subscriptionId: %s, resourceGroup: %s, name: vm-1, osBuild: "20348.3300"}
                    """
                        .formatted(SUB, RG)))
            .start();
    AzureGateway real =
        new SdkAzureGateway(
            AzureTarget.simulator(sim.endpoint()), Credentials.DEFAULT, RequestListener.NONE);
    resourceGraph =
        new SdkAzureGateway(
            AzureTarget.simulator(sim.endpoint()),
            Credentials.DEFAULT,
            RequestListener.NONE,
            FleetSource.Reads.of(FleetSource.RESOURCE_GRAPH, clock));
    gateway =
        (AzureGateway)
            Proxy.newProxyInstance(
                AzureGateway.class.getClassLoader(),
                new Class<?>[] {AzureGateway.class},
                (proxy, method, args) -> {
                  called.add(method.getName());
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void eachRoleFileHoldsExactlyTheActionsItsFeatureNeeds() throws Exception {
    leaveADiskBehind("app-2-osdisk"); // set-up, not the operator's: before the recording starts
    record(Feature.CORE, this::core);
    record(Feature.CREATE, this::create);
    record(Feature.DELETE, this::delete);

    Map<Feature, Set<String>> needed = new EnumMap<>(Feature.class);
    List<String> unmapped = new ArrayList<>();
    Set<Rule> used = new LinkedHashSet<>();
    for (Feature f : Feature.values()) {
      Set<String> actions = new TreeSet<>();
      for (RequestRecord r : sent.get(f)) {
        List<Rule> rules = RULES.stream().filter(rule -> rule.matches(r)).toList();
        if (rules.size() != 1) {
          unmapped.add(f + ": " + r.method() + " " + r.path() + " (" + rules.size() + " rules)");
          continue;
        }
        used.add(rules.get(0));
        actions.addAll(rules.get(0).actions());
      }
      needed.put(f, actions);
    }
    if (!unmapped.isEmpty()) {
      fail(
          "requests the gateway sent that no rule of AzureRoleTest.RULES maps to Azure actions"
              + " (add one, with the actions Azure checks for it):\n  "
              + String.join("\n  ", unmapped));
    }
    assertThat(RULES.stream().filter(r -> !used.contains(r)).map(Rule::shape))
        .as("rules for requests the gateway no longer sends (remove them)")
        .isEmpty();
    assertThat(called)
        .as("every call of AzureGateway is made by some feature here")
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(AzureGateway.class.getMethods()).map(m -> m.getName()).toList());

    Set<String> core = needed.get(Feature.CORE);
    List<String> wrong = new ArrayList<>();
    for (Feature f : Feature.values()) {
      Set<String> expected = new TreeSet<>(needed.get(f));
      if (f != Feature.CORE) {
        expected.removeAll(core); // the optional roles are assigned on top of the core one
      }
      Set<String> granted = actions(f);
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(granted);
      Set<String> extra = new TreeSet<>(granted);
      extra.removeAll(expected);
      missing.forEach(a -> wrong.add(f.file + " lacks " + a + ", which " + f + " needs"));
      extra.forEach(a -> wrong.add(f.file + " has " + a + ", which no request of " + f + " needs"));
    }
    assertThat(wrong).as("deploy/azure/ against the requests the gateway sent").isEmpty();
  }

  // --- the features, call by call as the reconciler makes them

  /** Fleet list, reads, orchestration, installs (hotpatch and reboot-capable), assessment. */
  private void core() {
    VmRef vm = new VmRef(SUB, RG, "vm-1");
    assertThat(gateway.listVms(SUB)).extracting(s -> s.ref().name()).contains("vm-1");
    // The fleet loader reads the same lists a page at a time.
    VmListing paged = gateway.startVmListing(SUB);
    while (!paged.done()) {
      paged.fetchNext();
    }
    assertThat(paged.result()).extracting(s -> s.ref().name()).contains("vm-1");
    // The same through Resource Graph, the optional fleet source.
    VmListing graph = resourceGraph.startVmListing(SUB);
    while (!graph.done()) {
      graph.fetchNext();
    }
    assertThat(graph.source()).isEqualTo("resource-graph");
    assertThat(graph.result()).extracting(s -> s.ref().name()).contains("vm-1");
    assertThat(gateway.getVm(new VmRef(SUB, RG, "nobody"))).isEmpty();
    assertThat(gateway.getVm(vm)).isPresent();
    follow(gateway.beginOrchestrate(vm));
    OperationHandle install =
        gateway.beginInstallPatches(
            vm, InstallRequest.hotpatchesOnly(List.of("KB5260002"), "PT2H"));
    follow(install);
    assertThat(gateway.installResult(install).status()).isNotNull();
    clock.advance(Duration.ofMinutes(5)); // guest patch calls: two a minute per VM
    follow(
        gateway.beginInstallPatches(
            vm,
            new InstallRequest(
                InstallRequest.RebootSetting.IfRequired, "PT2H", List.of("KB5260001"), false)));
    clock.advance(Duration.ofMinutes(5));
    OperationHandle assess = gateway.beginAssessPatches(vm);
    follow(assess);
    assertThat(gateway.assessResult(assess).status()).isEqualTo("Succeeded");
  }

  /**
   * app-1 with a network of its own (virtual network, NIC, VM); app-2 in app-1's existing subnet,
   * its creation stopped after the NIC.
   */
  private void create() {
    VmRef app1 = new VmRef(SUB, RG, "app-1");
    ArmResourceRef vnet = ref(ArmResourceRef.Type.VIRTUAL_NETWORK, "app-1-vnet");
    ArmResourceRef nic1 = ref(ArmResourceRef.Type.NETWORK_INTERFACE, "app-1-nic");
    assertThat(gateway.getVm(app1)).isEmpty();
    assertThat(gateway.getResource(vnet)).isEmpty();
    follow(
        gateway.beginCreateVirtualNetwork(
            new NetworkCreateRequest.VirtualNetwork(
                vnet, LOCATION, "10.0.0.0/16", "default", "10.0.0.0/24", owner("app-1"))));
    String subnet = gateway.getResource(vnet).orElseThrow().subnetIds().get(0);
    assertThat(gateway.getResource(nic1)).isEmpty();
    follow(
        gateway.beginCreateNetworkInterface(
            new NetworkCreateRequest.NetworkInterface(nic1, LOCATION, subnet, owner("app-1"))));
    assertThat(gateway.getResource(nic1)).isPresent();
    OperationHandle vm =
        gateway.beginCreateVm(
            new VmCreateRequest(
                app1,
                LOCATION,
                "Standard_D2s_v5",
                new VmSnapshot.Image(
                    "MicrosoftWindowsServer",
                    "WindowsServer",
                    "2022-datacenter-azure-edition-hotpatch",
                    "latest"),
                "azureadmin",
                "Role-test-Passw0rd!",
                nic1.id(),
                "app-1-osdisk",
                "Premium_LRS",
                128,
                null,
                null,
                owner("app-1")));
    assertThat(gateway.getVm(app1)).isPresent();
    follow(vm);
    assertThat(gateway.getVm(app1).orElseThrow().provisioningState()).isEqualTo("Succeeded");

    VmRef app2 = new VmRef(SUB, RG, "app-2");
    ArmResourceRef nic2 = ref(ArmResourceRef.Type.NETWORK_INTERFACE, "app-2-nic");
    assertThat(gateway.getVm(app2)).isEmpty();
    assertThat(gateway.getResource(nic2)).isEmpty();
    follow(
        gateway.beginCreateNetworkInterface(
            new NetworkCreateRequest.NetworkInterface(nic2, LOCATION, subnet, owner("app-2"))));
  }

  /**
   * app-2 first (its leftover NIC and OS disk; it has no VM and no network of its own), then app-1:
   * the VM (its NIC and OS disk go with it), then its virtual network.
   */
  private void delete() {
    for (String name : List.of("app-2", "app-1")) {
      VmRef vm = new VmRef(SUB, RG, name);
      if (gateway.getVm(vm).isPresent()) {
        follow(gateway.beginDeleteVm(vm));
        assertThat(gateway.getVm(vm)).isEmpty();
      }
      for (ArmResourceRef r :
          List.of(
              ref(ArmResourceRef.Type.NETWORK_INTERFACE, name + "-nic"),
              ref(ArmResourceRef.Type.DISK, name + "-osdisk"),
              ref(ArmResourceRef.Type.VIRTUAL_NETWORK, name + "-vnet"))) {
        if (gateway.getResource(r).isPresent()) {
          follow(gateway.beginDeleteResource(r));
          assertThat(gateway.getResource(r)).as(r.toString()).isEmpty();
        }
      }
    }
  }

  // --- helpers

  private void record(Feature feature, Runnable calls) {
    int from = sim.requestLog().size();
    calls.run();
    List<RequestRecord> log = sim.requestLog();
    sent.put(feature, List.copyOf(log.subList(from, log.size())));
  }

  /** Polls as the reconciler does, the clock moving between polls, until the operation ends. */
  private void follow(OperationHandle handle) {
    OperationStatus status = gateway.pollOperation(handle);
    for (int i = 0; i < 20 && !status.finished(); i++) {
      clock.advance(Duration.ofMinutes(30));
      status = gateway.pollOperation(handle);
    }
    assertThat(status.state()).as(handle.toString()).isEqualTo(OperationStatus.State.SUCCEEDED);
  }

  private static ArmResourceRef ref(ArmResourceRef.Type type, String name) {
    return new ArmResourceRef(SUB, RG, type, name);
  }

  private static Map<String, String> owner(String name) {
    return Map.of("hotpatch.dev/owner", "default/" + name);
  }

  /** An OS disk that outlived its VM, made over plain HTTP. */
  private void leaveADiskBehind(String name) throws Exception {
    String body =
        """
        {"location": "%s", "tags": {"hotpatch.dev/owner": "default/app-2"},
         "properties": {"creationData": {"createOption": "Empty"}, "diskSizeGB": 128}}
        """
            .formatted(LOCATION);
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            sim.endpoint()
                                + ref(ArmResourceRef.Type.DISK, name).id()
                                + "?api-version=2025-01-02"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
  }

  private static JsonNode read(Feature f) throws Exception {
    return new ObjectMapper().readTree(DEPLOY.resolve("azure").resolve(f.file).toFile());
  }

  private static Set<String> actions(Feature f) throws Exception {
    JsonNode actions = read(f).get("Actions");
    return actions == null
        ? Set.of()
        : Arrays.stream(new ObjectMapper().treeToValue(actions, String[].class))
            .collect(Collectors.toCollection(TreeSet::new));
  }
}
