package io.peaktrade.watch.operator.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;

/** The operator's own metrics in Prometheus format, fed by java-operator-sdk's monitoring hooks. */
public final class OperatorMetrics implements Metrics {

  private final Counter reconciliations;
  private final Counter failures;
  private final Counter events;
  private final Histogram duration;

  public OperatorMetrics(PrometheusRegistry registry) {
    reconciliations =
        Counter.builder()
            .name("execution_watch_operator_reconciliations_total")
            .help("Reconciliations started, by resource namespace")
            .labelNames("namespace")
            .register(registry);
    failures =
        Counter.builder()
            .name("execution_watch_operator_reconciliation_failures_total")
            .help("Reconciliations that failed (they are retried), by resource namespace")
            .labelNames("namespace")
            .register(registry);
    events =
        Counter.builder()
            .name("execution_watch_operator_events_received_total")
            .help("Events (watch notifications, timers) received by the controller")
            .register(registry);
    duration =
        Histogram.builder()
            .name("execution_watch_operator_reconciliation_duration_seconds")
            .help("Time spent in the controller per reconciliation")
            .classicOnly()
            .register(registry);
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    events.inc();
  }

  @Override
  public void reconcileCustomResource(
      HasMetadata resource, RetryInfo retry, Map<String, Object> metadata) {
    reconciliations.labelValues(ns(resource)).inc();
  }

  @Override
  public void failedReconciliation(
      HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    failures.labelValues(ns(resource)).inc();
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    long start = System.nanoTime();
    try {
      return execution.execute();
    } finally {
      duration.observe((System.nanoTime() - start) / 1e9);
    }
  }

  private static String ns(HasMetadata r) {
    String ns = r.getMetadata().getNamespace();
    return ns == null ? "" : ns;
  }
}
