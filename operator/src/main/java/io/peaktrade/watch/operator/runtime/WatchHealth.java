package io.peaktrade.watch.operator.runtime;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which namespaces the operator cannot watch right now (a namespace deleted, a Role revoked, the
 * API server unreachable), by namespace and resource. A lost namespace degrades that namespace: the
 * others keep being reconciled, readiness says which one is lost, and a gauge counts it.
 */
public final class WatchHealth {

  private final Operator operator;

  public WatchHealth(Operator operator) {
    this.operator = operator;
  }

  /** Namespace ("" for all namespaces) to the resources whose informer there is not healthy. */
  public Map<String, String> unhealthy() {
    Map<String, String> out = new TreeMap<>();
    for (Map<String, InformerWrappingEventSourceHealthIndicator> sources :
        operator.getRuntimeInfo().unhealthyInformerWrappingEventSourceHealthIndicator().values()) {
      for (Map.Entry<String, InformerWrappingEventSourceHealthIndicator> source :
          sources.entrySet()) {
        for (Object o : source.getValue().informerHealthIndicators().values()) {
          InformerHealthIndicator i = (InformerHealthIndicator) o;
          if (i.getStatus() != Status.HEALTHY) {
            String ns = i.getTargetNamespace() == null ? "" : i.getTargetNamespace();
            out.merge(ns, source.getKey(), (a, b) -> a + ", " + b);
          }
        }
      }
    }
    return out;
  }
}
