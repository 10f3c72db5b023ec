package io.peaktrade.watch.operator.model;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleSpec;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleSpecBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.peaktrade.watch.contracts.RepositoryFiles;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec.EmitterMode;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The alert rules (alerts/execution-watch.rules.yaml, the file the local demo's Prometheus loads)
 * as a PrometheusRule. With the emitter in once mode, decisions stop by design, so the
 * stalled-decisions alert is left out.
 */
public final class AlertRules {

  public static final String RESOURCE = RepositoryFiles.resource(RepositoryFiles.ALERT_RULES);
  public static final String STALLED = "ExecutionWatchDecisionsStalled";

  /** Parsed once; every demo gets its own copy of it. */
  private static final PrometheusRuleSpec SOURCE = load();

  private AlertRules() {}

  static PrometheusRuleSpec source() {
    return new PrometheusRuleSpecBuilder(SOURCE).build();
  }

  private static PrometheusRuleSpec load() {
    try (InputStream in = AlertRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the operator jar");
      }
      return Serialization.unmarshal(in, PrometheusRuleSpec.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PrometheusRule desired(ExecutionWatchDemo demo) {
    PrometheusRuleSpec spec = source();
    if (demo.getSpec().emitter.mode == EmitterMode.once) {
      for (RuleGroup g : spec.getGroups()) {
        g.getRules().removeIf(r -> STALLED.equals(r.getAlert()));
      }
    }
    return new PrometheusRuleBuilder()
        .withMetadata(DemoObjects.metadata(demo, Component.ALERTS, DemoObjects.monitorLabels(demo)))
        .withSpec(spec)
        .build();
  }
}
