package io.peaktrade.watch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.peaktrade.watch.operator.Demos;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoStatus;
import io.peaktrade.watch.operator.dependent.NoLiveGate;
import io.peaktrade.watch.operator.dependent.NoLiveGate.State;
import io.peaktrade.watch.operator.observer.Observed;
import io.peaktrade.watch.operator.observer.Observed.Monitoring;
import io.peaktrade.watch.operator.validation.SpecValidator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusBuilderTest {

  private static final Instant T1 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-27T11:00:00Z");

  private static Observed healthy() {
    return fenced(State.IN_PLACE, "", true);
  }

  /** A healthy demo but for the NetworkPolicy and the workloads' exactness. */
  private static Observed fenced(State policy, String problem, boolean workloadsExact) {
    return new Observed(
        List.of(),
        new NoLiveGate(policy, problem),
        workloadsExact,
        true,
        true,
        Monitoring.CREATED,
        true,
        true,
        false,
        true,
        List.of(),
        "ops/execution-watch-operator",
        List.of(),
        List.of());
  }

  private static Condition get(ExecutionWatchDemoStatus s, String type) {
    return StatusBuilder.find(s.conditions, type).orElseThrow();
  }

  /** The status names the folder the sidecar really shows: the last part of the demo's path. */
  @Test
  void theDashboardConditionNamesTheDemosFolder() {
    ExecutionWatchDemo demo = Demos.demo("ns", "demo");
    assertThat(get(StatusBuilder.build(demo, healthy(), T1), StatusBuilder.DASHBOARD).getMessage())
        .contains("(folder execution)");
    demo.getSpec().dashboard.folder = "Trading/ops/";
    assertThat(get(StatusBuilder.build(demo, healthy(), T1), StatusBuilder.DASHBOARD).getMessage())
        .contains("(folder ops)")
        .doesNotContain("execution");
  }

  @Test
  void aSettledDemoGetsAnEqualStatusOnTheNextReconcile() {
    ExecutionWatchDemo demo = Demos.demo("ns", "demo");
    ExecutionWatchDemoStatus first = StatusBuilder.build(demo, healthy(), T1);
    demo.setStatus(first);
    ExecutionWatchDemoStatus second = StatusBuilder.build(demo, healthy(), T2);
    assertThat(second).isEqualTo(first);
    assertThat(get(second, "Ready").getLastTransitionTime()).isEqualTo("2026-11-27T10:00:00Z");
  }

  @Test
  void aChangeOfStatusMovesOnlyThatConditionsTransitionTime() {
    ExecutionWatchDemo demo = Demos.demo("ns", "demo");
    demo.setStatus(StatusBuilder.build(demo, healthy(), T1));
    Observed exporterDown =
        new Observed(
            List.of(),
            new NoLiveGate(State.IN_PLACE, ""),
            true,
            false,
            true,
            Monitoring.CREATED,
            true,
            true,
            false,
            true,
            List.of(),
            "ops/execution-watch-operator",
            List.of(),
            List.of());
    ExecutionWatchDemoStatus s = StatusBuilder.build(demo, exporterDown, T2);
    assertThat(get(s, "Ready").getStatus()).isEqualTo("False");
    assertThat(get(s, "Ready").getReason()).isEqualTo("WorkloadsNotAvailable");
    assertThat(get(s, "Ready").getMessage()).contains("exporter").doesNotContain("shadow-mvs");
    assertThat(get(s, "Ready").getLastTransitionTime()).isEqualTo("2026-11-27T11:00:00Z");
    assertThat(get(s, "NoLiveEnforced").getLastTransitionTime()).isEqualTo("2026-11-27T10:00:00Z");
  }

  @Test
  void aRefusedSpecSaysWhyInReadyAndNoLive() {
    ExecutionWatchDemo demo = Demos.demo("ns", "demo");
    demo.getMetadata().setGeneration(3L);
    var v = new SpecValidator.Violation("spec.noLive", "must be true", true);
    ExecutionWatchDemoStatus s =
        StatusBuilder.build(
            demo,
            new Observed(
                List.of(v),
                new NoLiveGate(State.IN_PLACE, ""),
                true,
                false,
                false,
                Monitoring.DISABLED,
                false,
                false,
                false,
                true,
                List.of(),
                "ops/execution-watch-operator",
                List.of(),
                List.of()),
            T1);
    assertThat(s.observedGeneration).isEqualTo(3L);
    assertThat(get(s, "Ready").getReason()).isEqualTo("LiveTradingRefused");
    assertThat(get(s, "NoLiveEnforced").getStatus()).isEqualTo("False");
    assertThat(get(s, "NoLiveEnforced").getMessage()).contains("spec.noLive");
    assertThat(get(s, "MonitoringReady").getReason()).isEqualTo("InvalidSpec");
    assertThat(s.endpoints).isEmpty();
    assertThat(s.conditions).allMatch(c -> c.getObservedGeneration() == 3L);
  }

  @Test
  void monitoringSaysWhenTheCrdIsAbsent() {
    ExecutionWatchDemo demo = Demos.demo("ns", "demo");
    ExecutionWatchDemoStatus s =
        StatusBuilder.build(
            demo,
            new Observed(
                List.of(),
                new NoLiveGate(State.IN_PLACE, ""),
                true,
                true,
                true,
                Monitoring.CRD_ABSENT,
                true,
                true,
                false,
                true,
                List.of(),
                "ops/execution-watch-operator",
                List.of(),
                List.of()),
            T1);
    assertThat(get(s, "Ready").getStatus()).isEqualTo("True");
    assertThat(get(s, "MonitoringReady").getReason()).isEqualTo("ServiceMonitorCRDAbsent");
    assertThat(s.endpoints)
        .containsKeys("aiLiveMetrics", "shadowMvsMetrics", "watchApi", "dashboardUid");
  }

  @Test
  void aFailedReconcileSetsReadyFalseAndKeepsTheOtherConditions() {
    ExecutionWatchDemo demo = Demos.demo("ns", "demo");
    demo.setStatus(StatusBuilder.build(demo, healthy(), T1));
    ExecutionWatchDemoStatus s =
        StatusBuilder.withReconcileError(demo, "Reconcile failed and will be retried: boom", T2);
    assertThat(get(s, "Ready").getStatus()).isEqualTo("False");
    assertThat(get(s, "Ready").getReason()).isEqualTo("ReconcileFailed");
    assertThat(get(s, "Ready").getMessage()).contains("boom");
    assertThat(get(s, "NoLiveEnforced").getStatus()).isEqualTo("True");
    assertThat(s.conditions).hasSize(4);
  }

  @Test
  void noLiveIsFalseWithTheReasonWhileThePolicyIsNotInPlace() {
    ExecutionWatchDemo demo = Demos.demo("ns", "demo");
    for (var c :
        Map.of(
                State.MISSING, "NetworkPolicyMissing",
                State.DIFFERS, "NetworkPolicyDiffers",
                State.WRITE_FAILED, "NetworkPolicyWriteFailed")
            .entrySet()) {
      Observed o =
          fenced(c.getKey(), "writing NetworkPolicy demo-no-live failed (403): forbidden", true);
      ExecutionWatchDemoStatus s = StatusBuilder.build(demo, o, T1);
      assertThat(get(s, "NoLiveEnforced").getStatus()).as(c.getValue()).isEqualTo("False");
      assertThat(get(s, "NoLiveEnforced").getReason()).isEqualTo(c.getValue());
      assertThat(get(s, "NoLiveEnforced").getMessage()).contains("scaled to zero");
      assertThat(get(s, "Ready").getReason()).isEqualTo("WorkloadsStopped");
    }
    Observed write =
        fenced(
            State.WRITE_FAILED, "writing NetworkPolicy demo-no-live failed (403): forbidden", true);
    assertThat(get(StatusBuilder.build(demo, write, T1), "NoLiveEnforced").getMessage())
        .contains("403");
  }

  @Test
  void noLiveIsFalseWhileAWorkloadDiffersFromTheHardenedPods() {
    ExecutionWatchDemo demo = Demos.demo("ns", "demo");
    Observed o = fenced(State.IN_PLACE, "", false);
    ExecutionWatchDemoStatus s = StatusBuilder.build(demo, o, T1);
    assertThat(get(s, "NoLiveEnforced").getStatus()).isEqualTo("False");
    assertThat(get(s, "NoLiveEnforced").getReason()).isEqualTo("WorkloadDiffers");
  }

  @Test
  void aFailureRetriedAgainKeepsReadysTransitionTime() {
    ExecutionWatchDemo demo = Demos.demo("ns", "demo");
    demo.setStatus(StatusBuilder.build(demo, healthy(), T1));
    demo.setStatus(StatusBuilder.withReconcileError(demo, "boom", T1.plusSeconds(5)));
    ExecutionWatchDemoStatus again = StatusBuilder.withReconcileError(demo, "boom", T2);
    assertThat(get(again, "Ready").getLastTransitionTime()).isEqualTo("2026-11-27T10:00:05Z");
    assertThat(again).isEqualTo(demo.getStatus());
  }
}
