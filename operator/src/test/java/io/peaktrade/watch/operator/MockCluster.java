package io.peaktrade.watch.operator;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.apiserver.ApiServerDispatcher;
import io.peaktrade.watch.operator.model.WorkloadConfig;
import io.peaktrade.watch.operator.runtime.OperatorSettings;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The fabric8 mock API server (CRUD mode) with our CRD, and the operator exactly as shipped. */
public final class MockCluster implements AutoCloseable {

  /** Held so JUL keeps the level: the mock logs every request at INFO otherwise. */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  public final CountingDispatcher requests = new CountingDispatcher();
  public final KubernetesMockServer server;

  /**
   * The client tests and benchmarks act through, as a user or kubelet would: its requests are told
   * apart.
   */
  public final KubernetesClient client;

  /** The operator's own client. */
  public final KubernetesClient operatorClient;

  public static final String HARNESS_AGENT = "test-harness";

  /** The operator's configuration in these tests: its image is the one every demo pod must run. */
  public static final WorkloadConfig WORKLOADS =
      new WorkloadConfig(
          "registry.local/execution-watch-exporter:1.2.3@sha256:" + "ab".repeat(32),
          "IfNotPresent",
          List.of("monitoring"));

  public final PrometheusRegistry registry = new PrometheusRegistry();
  private ExecutionWatchOperator operator;

  public MockCluster(boolean serviceMonitorCrd) {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), requests, false);
    server.init();
    operatorClient = server.createClient();
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(operatorClient.getConfiguration())
                    .withUserAgent(HARNESS_AGENT)
                    .build())
            .build();
    client.apiextensions().v1().customResourceDefinitions().resource(ourCrd()).create();
    if (serviceMonitorCrd) {
      installServiceMonitorCrd();
    }
  }

  public static CustomResourceDefinition ourCrd() {
    try (InputStream in =
        MockCluster.class.getResourceAsStream(
            "/META-INF/fabric8/" + ExecutionWatchDemo.CRD_NAME + "-v1.yml")) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** prometheus-operator's CRDs for ServiceMonitor and PrometheusRule (test resources). */
  public void installServiceMonitorCrd() {
    for (String plural : List.of("servicemonitors", "prometheusrules")) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(crd("prometheus-operator", plural))
          .create();
    }
  }

  /** grafana-operator's CRDs for GrafanaFolder and GrafanaDashboard (test resources). */
  public void installGrafanaOperatorCrds() {
    for (String plural : List.of("grafanafolders", "grafanadashboards")) {
      client.apiextensions().v1().customResourceDefinitions().resource(grafanaCrd(plural)).create();
    }
  }

  public static CustomResourceDefinition grafanaCrd(String plural) {
    return crd("grafana-operator", plural);
  }

  /** A CRD of the test resources, {@code /<operator>/<plural>.yaml}. */
  static CustomResourceDefinition crd(String operator, String plural) {
    try (InputStream in =
        MockCluster.class.getResourceAsStream("/" + operator + "/" + plural + ".yaml")) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operator's settings in these tests: all namespaces, no Lease, any free port. */
  public static final OperatorSettings DEFAULT_SETTINGS =
      new OperatorSettings(Set.of(), false, "default", 0, WORKLOADS);

  public MockCluster startOperator() {
    return startOperator(DEFAULT_SETTINGS);
  }

  public MockCluster startOperator(OperatorSettings settings) {
    // a restarted operator gets a registry of its own, as a new process would
    operator =
        new ExecutionWatchOperator(
            operatorClient, settings, operator == null ? registry : new PrometheusRegistry());
    operator.start();
    return this;
  }

  /** How many reconciliations the controller started so far (from the operator's own metrics). */
  public double reconciliations() {
    return reconciliations(registry);
  }

  /** How many reconciliations an operator reporting to this registry started so far. */
  public static double reconciliations(PrometheusRegistry registry) {
    return registry.scrape().stream()
        .filter(m -> m.getMetadata().getName().equals("reconciliations_started"))
        .flatMap(m -> m.getDataPoints().stream())
        .mapToDouble(p -> ((CounterSnapshot.CounterDataPointSnapshot) p).getValue())
        .sum();
  }

  public Operator operator() {
    return operator.operator();
  }

  public void stopOperator() {
    operator.stop();
  }

  /**
   * Waits until the operator has stopped writing: its count of writes stays the same over a poll
   * interval (events still in flight from earlier changes are worked off).
   */
  public void awaitQuiet() {
    AtomicInteger last = new AtomicInteger(-1);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> last.getAndSet(requests.mutating().size()) == requests.mutating().size());
  }

  /** No kubelet runs here: make both Deployments of a demo available, as a real cluster would. */
  public void markDemoAvailable(String namespace, String demo) {
    markAvailable(namespace, demo + "-exporter");
    markAvailable(namespace, demo + "-shadow-mvs");
  }

  /** A Deployment as the API server has it now, or null. */
  public Deployment deployment(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  /** A NetworkPolicy as the API server has it now, or null. */
  public NetworkPolicy networkPolicy(String namespace, String name) {
    return client.resources(NetworkPolicy.class).inNamespace(namespace).withName(name).get();
  }

  /** Whether the demo's Ready condition is True. */
  public boolean isReady(String namespace, String name) {
    ExecutionWatchDemo d =
        client.resources(ExecutionWatchDemo.class).inNamespace(namespace).withName(name).get();
    return d != null
        && d.getStatus() != null
        && d.getStatus().conditions.stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  /** No kubelet runs here: make a Deployment look available, as a real cluster would. */
  public void markAvailable(String namespace, String name) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> client.apps().deployments().inNamespace(namespace).withName(name).get() != null);
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
    d.setStatus(
        new DeploymentStatusBuilder()
            .withReplicas(1)
            .withReadyReplicas(1)
            .withAvailableReplicas(1)
            .withObservedGeneration(d.getMetadata().getGeneration())
            .build());
    client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
  }

  /**
   * The CRUD dispatcher with kube-apiserver's storage rules ({@link ApiServerDispatcher}), counting
   * every request by method and path (for the no-write steady state).
   */
  public static final class CountingDispatcher extends ApiServerDispatcher {
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<String[]> byAgent = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<String> refusedSoFar = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    /** The next {@code times} operator requests starting with {@code prefix} get {@code code}. */
    private record Fault(String prefix, int code, AtomicInteger left) {}

    /**
     * The next {@code times} operator requests starting with "METHOD /path" are answered {@code
     * code}, as an overloaded or failing API server answers: 429 with Retry-After: 1 (API Priority
     * and Fairness), 500 or 503 with a Status body.
     */
    public void failNext(String methodAndPathPrefix, int code, int times) {
      faults.add(new Fault(methodAndPathPrefix, code, new AtomicInteger(times)));
    }

    /** The faults set up with {@link #failNext} answered so far, as "CODE METHOD /path". */
    private final List<String> faulted = new CopyOnWriteArrayList<>();

    public List<String> faulted() {
      return List.copyOf(faulted);
    }

    public void clearFaults() {
      faults.clear();
    }

    private final List<String> racedOnce = new CopyOnWriteArrayList<>();
    private final List<String> conflictOnce = new CopyOnWriteArrayList<>();
    private final List<String> statusBodies = new CopyOnWriteArrayList<>();

    /** The bodies of every status write of the operator, in order. */
    public List<String> statusWrites() {
      return List.copyOf(statusBodies);
    }

    /**
     * Answers the operator's requests "METHOD /path..." starting with this with 403 Forbidden, as
     * the API server does for a missing RBAC grant or an admission webhook's denial.
     */
    public void refuse(String methodAndPathPrefix) {
      refused.add(methodAndPathPrefix);
    }

    public void allowAll() {
      refused.clear();
    }

    /** The requests answered 403 by {@link #refuse} so far. */
    public List<String> refusedSoFar() {
      return List.copyOf(refusedSoFar);
    }

    /**
     * The next operator request starting with this is carried out, but answered 409 Conflict, as
     * the API server answers a create when another writer created the object a moment earlier.
     */
    public void loseRaceOnce(String methodAndPathPrefix) {
      racedOnce.add(methodAndPathPrefix);
    }

    /**
     * The next operator request starting with this is answered 409 Conflict and not carried out, as
     * kube-apiserver answers an update whose resourceVersion another writer made stale.
     */
    public void conflictOnce(String methodAndPathPrefix) {
      conflictOnce.add(methodAndPathPrefix);
    }

    /** The races set up with {@link #loseRaceOnce} that no request has run yet. */
    public List<String> racesNotRun() {
      return List.copyOf(racedOnce);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String agent = request.getHeader("User-Agent");
      if (agent == null || !agent.startsWith(HARNESS_AGENT)) {
        String line = request.getMethod() + " " + request.getPath();
        seen.add(line);
        byAgent.add(new String[] {agent, line});
        if (!line.startsWith("GET ") && request.getPath().endsWith("/status")) {
          statusBodies.add(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
        }
        for (Fault f : faults) {
          if (line.startsWith(f.prefix()) && f.left().getAndDecrement() > 0) {
            faulted.add(f.code() + " " + line);
            MockResponse r =
                new MockResponse()
                    .setResponseCode(f.code())
                    .addHeader("Content-Type", "application/json")
                    .setBody(
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                            + "\"message\":\"injected by the test\",\"code\":"
                            + f.code()
                            + "}");
            return f.code() == 429 ? r.addHeader("Retry-After", "1") : r;
          }
        }
        if (racedOnce.removeIf(line::startsWith)) {
          super.dispatch(request);
          return new MockResponse()
              .setResponseCode(409)
              .addHeader("Content-Type", "application/json")
              .setBody(
                  "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"already"
                      + " exists\",\"reason\":\"AlreadyExists\",\"code\":409}");
        }
        if (conflictOnce.removeIf(line::startsWith)) {
          return new MockResponse()
              .setResponseCode(409)
              .addHeader("Content-Type", "application/json")
              .setBody(
                  "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"Operation"
                      + " cannot be fulfilled: the object has been modified; please apply your"
                      + " changes to the latest version and try"
                      + " again\",\"reason\":\"Conflict\",\"code\":409}");
        }
        if (refused.stream().anyMatch(line::startsWith)) {
          refusedSoFar.add(line);
          return new MockResponse()
              .setResponseCode(403)
              .addHeader("Content-Type", "application/json")
              .setBody(
                  "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"forbidden"
                      + " by the test\",\"reason\":\"Forbidden\",\"code\":403}");
        }
      }
      if (request.getPath().startsWith("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")) {
        // The CRUD mock has no authorizer; answer as the API server does for a subject allowed
        // what the chart's RBAC grants (java-operator-sdk checks this before leader election).
        return new MockResponse()
            .setResponseCode(201)
            .addHeader("Content-Type", "application/json")
            .setBody(
                "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectRulesReview\",\"status\":{"
                    + "\"incomplete\":false,\"resourceRules\":[{\"verbs\":[\"get\",\"create\",\"update\"],"
                    + "\"apiGroups\":[\"coordination.k8s.io\"],\"resources\":[\"leases\"]}]}}");
      }
      return super.dispatch(request);
    }

    /** The operator's requests (the harness's are not counted). */
    public List<String> all() {
      return List.copyOf(seen);
    }

    /** The operator's requests that change state: everything but GET (watches are GETs too). */
    public List<String> mutating() {
      return seen.stream().filter(r -> !r.startsWith("GET ")).toList();
    }

    /** The writes of the client whose User-Agent starts with this (one operator of several). */
    public List<String> mutatingBy(String agentPrefix) {
      return byAgent.stream()
          .filter(a -> a[0] != null && a[0].startsWith(agentPrefix) && !a[1].startsWith("GET "))
          .map(a -> a[1])
          .toList();
    }

    public void reset() {
      seen.clear();
      byAgent.clear();
    }
  }

  /**
   * Stops everything, then fails the test if the operator made a request that the chart's RBAC
   * would refuse: the mock allows every request, a cluster does not.
   */
  @Override
  public void close() {
    if (operator != null) {
      operator.stop();
    }
    client.close();
    operatorClient.close();
    server.destroy();
    List<String> refused = RbacRequests.notAllowed(requests.all());
    if (!refused.isEmpty()) {
      throw new AssertionError("Requests the chart's RBAC would refuse: " + refused);
    }
  }
}
