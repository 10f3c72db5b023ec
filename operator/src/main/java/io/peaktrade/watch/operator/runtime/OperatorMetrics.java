package io.peaktrade.watch.operator.runtime;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import io.peaktrade.watch.operator.model.OperatorVersion;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The operator's own metrics, for the alerts and the dashboard an on-call engineer uses
 * (alerts/execution-watch-operator.rules.yaml, dashboards/execution-watch-operator.json).
 *
 * <ul>
 *   <li>java-operator-sdk's controller metrics under the names its MicrometerMetricsV2 gets from
 *       micrometer's Prometheus registry (the names its own Grafana dashboard,
 *       observability/josdk-operator-metrics-dashboard.json, queries): {@code
 *       reconciliations_started_total}, {@code _success_total}, {@code _failure_total}, {@code
 *       _retries_total}, {@code reconciliations_active}, {@code reconciliations_queue}, {@code
 *       custom_resources}, {@code reconciliations_execution_duration_seconds}, {@code
 *       events_received_total}; on the Prometheus client rather than micrometer
 *       (docs/benchmarks.md: start-up and memory both ways);
 *   <li>every condition of every demo, {@code execution_watch_demo_condition{namespace, demo, type,
 *       status}} 1 for the current status and 0 for the other two (as kube-state-metrics writes
 *       conditions), so that NoLiveEnforced False is one query; demos by namespace;
 *   <li>{@code execution_watch_operator_ready} (what /readyz answers), {@code
 *       execution_watch_operator_build_info{version, revision}}, the JVM and the process.
 * </ul>
 *
 * Demos are the one unbounded dimension: 3 series per condition type (4) per demo, removed when the
 * demo is deleted.
 */
public final class OperatorMetrics implements Metrics {

  static final List<String> STATUSES = List.of("True", "False", "Unknown");

  private final Counter started;
  private final Counter succeeded;
  private final Counter failed;
  private final Counter retries;
  private final Counter events;
  private final Gauge active;
  private final Gauge queue;
  private final Histogram duration;

  /** The demos known to the controller. */
  private final Set<ResourceID> demos = ConcurrentHashMap.newKeySet();

  /** Each demo's conditions as last written: type to status. */
  private final Map<ResourceID, Map<String, String>> conditions = new ConcurrentHashMap<>();

  /** Demos another operator instance reconciles (this one leaves them alone). */
  private final Set<ResourceID> elsewhere = ConcurrentHashMap.newKeySet();

  public OperatorMetrics(PrometheusRegistry registry) {
    started = counter(registry, "reconciliations_started", "Reconciliations submitted");
    succeeded = counter(registry, "reconciliations_success", "Reconciliations that ended well");
    failed =
        counter(
            registry,
            "reconciliations_failure",
            "Reconciliations that failed or could not put everything in place (retried)");
    retries = counter(registry, "reconciliations_retries", "Reconciliations that were retries");
    events =
        Counter.builder()
            .name("events_received")
            .help("Events (watch notifications, timers) received by the controller")
            .labelNames("controller_name", "event", "action")
            .register(registry);
    active =
        Gauge.builder()
            .name("reconciliations_active")
            .help("Reconciliations running now")
            .labelNames("controller_name")
            .register(registry);
    queue =
        Gauge.builder()
            .name("reconciliations_queue")
            .help("Reconciliations submitted and not started yet")
            .labelNames("controller_name")
            .register(registry);
    duration =
        Histogram.builder()
            .name("reconciliations_execution_duration_seconds")
            .unit(Unit.SECONDS)
            .help("Time spent in the controller per reconciliation")
            .labelNames("controller_name")
            .classicOnly()
            .register(registry);
    GaugeWithCallback.builder()
        .name("custom_resources")
        .help("Custom resources the controller knows")
        .labelNames("controller_name")
        .callback(cb -> cb.call(demos.size(), CONTROLLER))
        .register(registry);
    GaugeWithCallback.builder()
        .name("execution_watch_demos")
        .help("ExecutionWatchDemos the operator knows, by namespace")
        .labelNames("namespace")
        .callback(cb -> byNamespace(demos).forEach((ns, n) -> cb.call(n, ns)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("execution_watch_demos_owned_elsewhere")
        .help(
            "Demos this operator watches that another operator instance reconciles, by namespace:"
                + " two releases watch the same namespace")
        .labelNames("namespace")
        .callback(cb -> byNamespace(elsewhere).forEach((ns, n) -> cb.call(n, ns)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("execution_watch_demo_condition")
        .help(
            "A demo's condition: 1 for its current status (True, False or Unknown), 0 for the"
                + " others. NoLiveEnforced False means no-live does not hold for that demo")
        .labelNames("namespace", "demo", "type", "status")
        .callback(
            cb ->
                conditions.forEach(
                    (id, byType) ->
                        byType.forEach(
                            (type, status) ->
                                STATUSES.forEach(
                                    s ->
                                        cb.call(
                                            s.equals(status) ? 1 : 0,
                                            id.getNamespace().orElse(""),
                                            id.getName(),
                                            type,
                                            s)))))
        .register(registry);
    Info.builder()
        .name("execution_watch_operator_build_info")
        .help("The operator's version and the source revision it was built from")
        .labelNames("version", "revision")
        .register(registry)
        .setLabelValues(OperatorVersion.VERSION, OperatorVersion.REVISION);
    JvmMetrics.builder().register(registry);
  }

  /** The controller's name, the value of every controller_name label. */
  static final String CONTROLLER = "executionwatchdemo";

  /** How many of these demos each namespace has, namespaces in order. */
  private static Map<String, Long> byNamespace(Set<ResourceID> ids) {
    return ids.stream()
        .collect(
            Collectors.groupingBy(
                id -> id.getNamespace().orElse(""), TreeMap::new, Collectors.counting()));
  }

  private static Counter counter(PrometheusRegistry registry, String name, String help) {
    return Counter.builder()
        .name(name)
        .help(help + ", by resource namespace")
        .labelNames("controller_name", "namespace")
        .register(registry);
  }

  /** {@code execution_watch_operator_ready}: 1 while /readyz answers 200. */
  public static void registerReady(PrometheusRegistry registry, BooleanSupplier ready) {
    GaugeWithCallback.builder()
        .name("execution_watch_operator_ready")
        .help("1 while the operator is started and watches every namespace it should (/readyz)")
        .callback(cb -> cb.call(ready.getAsBoolean() ? 1 : 0))
        .register(registry);
  }

  /** The conditions the reconciler just wrote (or kept) for a demo. */
  public void conditions(HasMetadata demo, List<Condition> current) {
    Map<String, String> byType = new TreeMap<>();
    current.forEach(c -> byType.put(c.getType(), c.getStatus()));
    ResourceID id = ResourceID.fromResource(demo);
    elsewhere.remove(id);
    conditions.put(id, byType);
  }

  /** A demo another instance reconciles: its conditions are that instance's to report. */
  public void ownedElsewhere(HasMetadata demo) {
    ResourceID id = ResourceID.fromResource(demo);
    conditions.remove(id);
    elsewhere.add(id);
  }

  /**
   * A reconcile that could not put everything in place: counted as failed although it returned
   * normally (the reconciler handles the workflow's errors itself and retries).
   */
  public void writesFailed(HasMetadata demo) {
    failed.labelValues(CONTROLLER, ns(demo)).inc();
  }

  @Override
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    active.labelValues(CONTROLLER).set(0);
    queue.labelValues(CONTROLLER).set(0);
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    String action = "unknown";
    if (event instanceof ResourceEvent resourceEvent) {
      action = resourceEvent.getAction().toString();
      if (resourceEvent.getAction() != ResourceAction.DELETED) {
        demos.add(event.getRelatedCustomResourceID());
      }
    }
    events.labelValues(controller(metadata), event.getClass().getSimpleName(), action).inc();
  }

  @Override
  public void reconcileCustomResource(
      HasMetadata resource, RetryInfo retry, Map<String, Object> metadata) {
    String controller = controller(metadata);
    String ns = ns(resource);
    started.labelValues(controller, ns).inc();
    // the namespace's other counters exist from its first reconcile on, at 0: a rate of no
    // failures is 0, not an empty result
    succeeded.labelValues(controller, ns);
    failed.labelValues(controller, ns);
    CounterDataPoint retried = retries.labelValues(controller, ns);
    if (retry != null && retry.getAttemptCount() > 0) {
      retried.inc();
    }
    queue.labelValues(controller(metadata)).inc();
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    queue.labelValues(controller(metadata)).dec();
    active.labelValues(controller(metadata)).inc();
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    active.labelValues(controller(metadata)).dec();
  }

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    succeeded.labelValues(controller(metadata), ns(resource)).inc();
  }

  @Override
  public void failedReconciliation(
      HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    failed.labelValues(controller(metadata), ns(resource)).inc();
  }

  /** A deleted demo's series go with it. */
  @Override
  public void cleanupDoneFor(ResourceID id, Map<String, Object> metadata) {
    demos.remove(id);
    conditions.remove(id);
    elsewhere.remove(id);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    long start = System.nanoTime();
    try {
      return execution.execute();
    } finally {
      duration.labelValues(execution.controllerName()).observe((System.nanoTime() - start) / 1e9);
    }
  }

  private static String controller(Map<String, Object> metadata) {
    Object name = metadata == null ? null : metadata.get(Constants.CONTROLLER_NAME);
    return name == null ? CONTROLLER : name.toString();
  }

  private static String ns(HasMetadata r) {
    String ns = r.getMetadata().getNamespace();
    return ns == null ? "" : ns;
  }
}
