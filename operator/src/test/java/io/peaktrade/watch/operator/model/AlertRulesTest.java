package io.peaktrade.watch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.peaktrade.watch.operator.Demos;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec.EmitterMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

  @Test
  void thePrometheusRuleCarriesTheRulesFileAndDropsTheStallAlertInOnceMode() throws Exception {
    ExecutionWatchDemo demo = Demos.demo("ns", "demo");
    PrometheusRule follow = AlertRules.desired(demo);
    assertThat(follow.getSpec().getGroups().get(0).getRules())
        .extracting(Rule::getAlert)
        .hasSize(5)
        .contains(AlertRules.STALLED);
    Rule down = follow.getSpec().getGroups().get(0).getRules().get(0);
    assertThat(down.getExpr().getStrVal()).isEqualTo("up{job=\"ai_live\"} == 0");
    assertThat(down.getFor()).isEqualTo("1m");
    assertThat(Files.readString(Path.of("../alerts/execution-watch.rules.yaml")))
        .contains(down.getAnnotations().get("description"));
    demo.getSpec().emitter.mode = EmitterMode.once;
    assertThat(AlertRules.desired(demo).getSpec().getGroups().get(0).getRules())
        .extracting(Rule::getAlert)
        .hasSize(4)
        .doesNotContain(AlertRules.STALLED);
  }
}
