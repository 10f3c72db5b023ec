package io.peaktrade.watch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoStatus;
import io.peaktrade.watch.operator.dependent.Conditions;
import io.peaktrade.watch.operator.dependent.OwnedDependents;
import io.peaktrade.watch.operator.policy.NoLivePolicy;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles an ExecutionWatchDemo. The workflow below creates and updates the owned objects; this
 * class only observes the outcome, writes status when it changed, and records a Warning Event when
 * a spec is refused. The periodic resync (at most a minute) is how a ServiceMonitor CRD installed
 * later is picked up.
 */
@Workflow(
    dependents = {
      @Dependent(
          name = ExecutionWatchDemoReconciler.EXPORTER,
          type = OwnedDependents.ExporterDeployment.class,
          reconcilePrecondition = Conditions.SpecAccepted.class,
          readyPostcondition = Conditions.DeploymentAvailable.class),
      @Dependent(
          name = "exporter-service",
          type = OwnedDependents.ExporterService.class,
          reconcilePrecondition = Conditions.SpecAccepted.class),
      @Dependent(
          name = ExecutionWatchDemoReconciler.SHADOW_MVS,
          type = OwnedDependents.ShadowMvsDeployment.class,
          reconcilePrecondition = Conditions.SpecAccepted.class,
          readyPostcondition = Conditions.DeploymentAvailable.class),
      @Dependent(
          name = "shadow-mvs-service",
          type = OwnedDependents.ShadowMvsService.class,
          reconcilePrecondition = Conditions.SpecAccepted.class),
      @Dependent(
          name = ExecutionWatchDemoReconciler.AI_LIVE_MONITOR,
          type = OwnedDependents.AiLiveMonitor.class,
          activationCondition = Conditions.MonitoringCrdPresent.class,
          reconcilePrecondition = Conditions.MonitorsWanted.class),
      @Dependent(
          name = "shadow-mvs-monitor",
          type = OwnedDependents.ShadowMvsMonitor.class,
          activationCondition = Conditions.MonitoringCrdPresent.class,
          reconcilePrecondition = Conditions.MonitorsWanted.class),
      @Dependent(
          name = "watch-api-monitor",
          type = OwnedDependents.WatchApiMonitor.class,
          activationCondition = Conditions.MonitoringCrdPresent.class,
          reconcilePrecondition = Conditions.WatchApiMonitorWanted.class),
      @Dependent(
          name = ExecutionWatchDemoReconciler.ALERTS,
          type = OwnedDependents.AlertRulesDependent.class,
          activationCondition = Conditions.MonitoringCrdPresent.class,
          reconcilePrecondition = Conditions.MonitorsWanted.class),
      @Dependent(
          name = ExecutionWatchDemoReconciler.DASHBOARD,
          type = OwnedDependents.DashboardConfigMap.class,
          reconcilePrecondition = Conditions.DashboardWanted.class),
      @Dependent(
          name = ExecutionWatchDemoReconciler.NETWORK_POLICY,
          type = OwnedDependents.NetworkPolicyDependent.class)
    })
@ControllerConfiguration(
    name = ExecutionWatchDemoReconciler.NAME,
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 60, timeUnit = TimeUnit.SECONDS))
public class ExecutionWatchDemoReconciler implements Reconciler<ExecutionWatchDemo> {

  public static final String NAME = "executionwatchdemo";
  static final String EXPORTER = "exporter-deployment";
  static final String SHADOW_MVS = "shadow-mvs-deployment";
  static final String AI_LIVE_MONITOR = "ai-live-monitor";
  static final String DASHBOARD = "dashboard";
  static final String ALERTS = "alert-rules";
  static final String NETWORK_POLICY = "no-live-network-policy";

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionWatchDemoReconciler.class);

  private final EventRecorder events;
  private final Clock clock;

  public ExecutionWatchDemoReconciler(EventRecorder events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Override
  public UpdateControl<ExecutionWatchDemo> reconcile(
      ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
    Observed observed = observe(demo, context);
    ExecutionWatchDemoStatus status = StatusBuilder.build(demo, observed, clock.instant());
    reportRefusal(demo, observed, status);
    if (Objects.equals(status, demo.getStatus())) {
      return UpdateControl.noUpdate();
    }
    demo.setStatus(status);
    return UpdateControl.patchStatus(demo);
  }

  private static Observed observe(ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
    WorkflowReconcileResult result =
        context
            .managedWorkflowAndDependentResourceContext()
            .getWorkflowReconcileResult()
            .orElse(WorkflowReconcileResult.EMPTY);
    List<NoLivePolicy.Violation> violations = NoLivePolicy.check(demo.getSpec());
    boolean accepted = violations.isEmpty();
    boolean monitorsWanted = accepted && Boolean.TRUE.equals(demo.getSpec().serviceMonitor.enabled);
    Observed.Monitoring monitoring =
        !monitorsWanted
            ? Observed.Monitoring.DISABLED
            : reconciled(result, AI_LIVE_MONITOR)
                ? Observed.Monitoring.CREATED
                : Observed.Monitoring.CRD_ABSENT;
    boolean dashboardWanted = accepted && Boolean.TRUE.equals(demo.getSpec().dashboard.enabled);
    return new Observed(
        violations,
        accepted && ready(result, EXPORTER),
        accepted && ready(result, SHADOW_MVS),
        monitoring,
        dashboardWanted,
        dashboardWanted && reconciled(result, DASHBOARD),
        reconciled(result, NETWORK_POLICY),
        monitorsWanted && reconciled(result, ALERTS));
  }

  private static boolean reconciled(WorkflowReconcileResult result, String dependent) {
    return result.getReconciledDependents().stream().anyMatch(d -> named(d, dependent));
  }

  private static boolean ready(WorkflowReconcileResult result, String dependent) {
    return reconciled(result, dependent)
        && result.getNotReadyDependents().stream().noneMatch(d -> named(d, dependent));
  }

  private static boolean named(DependentResource<?, ?> d, String name) {
    return name.equals(d.name());
  }

  /** One Warning Event when a spec becomes refused (not on every resync). */
  private void reportRefusal(
      ExecutionWatchDemo demo, Observed observed, ExecutionWatchDemoStatus status) {
    if (observed.accepted()) {
      return;
    }
    Condition now = StatusBuilder.find(status.conditions, StatusBuilder.READY).orElseThrow();
    boolean alreadyReported =
        demo.getStatus() != null
            && StatusBuilder.find(demo.getStatus().conditions, StatusBuilder.READY)
                .filter(
                    c ->
                        c.getReason().equals(now.getReason())
                            && c.getMessage().equals(now.getMessage()))
                .isPresent();
    if (!alreadyReported) {
      LOG.warn(
          "Refused {}/{}: {} Fix the spec (kubectl edit ewd {} -n {}); nothing runs until then.",
          demo.getMetadata().getNamespace(),
          demo.getMetadata().getName(),
          now.getMessage(),
          demo.getMetadata().getName(),
          demo.getMetadata().getNamespace());
      events.warning(demo, now.getReason(), now.getMessage());
    }
  }

  @Override
  public ErrorStatusUpdateControl<ExecutionWatchDemo> updateErrorStatus(
      ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context, Exception e) {
    String message = "Reconcile failed and will be retried: " + rootMessage(e);
    LOG.error(
        "{}/{}: {}", demo.getMetadata().getNamespace(), demo.getMetadata().getName(), message, e);
    events.warning(demo, "ReconcileFailed", message);
    ExecutionWatchDemoStatus status =
        StatusBuilder.withReconcileError(demo, message, clock.instant());
    demo.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(demo);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
