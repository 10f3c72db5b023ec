package io.peaktrade.watch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoStatus;
import io.peaktrade.watch.operator.dependent.CrdInstalled;
import io.peaktrade.watch.operator.dependent.DependentNames;
import io.peaktrade.watch.operator.dependent.GrafanaOperatorDependents;
import io.peaktrade.watch.operator.dependent.OwnedDependents;
import io.peaktrade.watch.operator.dependent.Wanted;
import io.peaktrade.watch.operator.model.DemoObjects;
import io.peaktrade.watch.operator.model.DesiredDemo;
import io.peaktrade.watch.operator.model.WorkloadConfig;
import io.peaktrade.watch.operator.observer.DemoObserver;
import io.peaktrade.watch.operator.observer.Observed;
import io.peaktrade.watch.operator.runtime.OperatorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles an ExecutionWatchDemo: builds the desired demo once, runs the workflow of owned
 * objects with it, observes what is in the cluster afterwards, and writes status when it changed.
 * The NetworkPolicy comes first; the Deployments after it run one replica only while the policy is
 * in place exactly. A reconcile that could not put everything in place is tried again after {@link
 * #RETRY}; the periodic resync (OperatorSettings.RESYNC_INTERVAL) also picks up a ServiceMonitor
 * CRD installed later.
 */
@Workflow(
    explicitInvocation = true,
    handleExceptionsInReconciler = true,
    dependents = {
      @Dependent(
          name = DependentNames.NETWORK_POLICY,
          type = OwnedDependents.NetworkPolicyDependent.class),
      @Dependent(
          name = DependentNames.EXPORTER,
          type = OwnedDependents.ExporterDeployment.class,
          useEventSourceWithName = DependentNames.DEPLOYMENTS,
          dependsOn = DependentNames.NETWORK_POLICY,
          reconcilePrecondition = Wanted.class),
      @Dependent(
          name = "exporter-service",
          type = OwnedDependents.ExporterService.class,
          useEventSourceWithName = DependentNames.SERVICES,
          reconcilePrecondition = Wanted.class),
      @Dependent(
          name = DependentNames.SHADOW_MVS,
          type = OwnedDependents.ShadowMvsDeployment.class,
          useEventSourceWithName = DependentNames.DEPLOYMENTS,
          dependsOn = DependentNames.NETWORK_POLICY,
          reconcilePrecondition = Wanted.class),
      @Dependent(
          name = "shadow-mvs-service",
          type = OwnedDependents.ShadowMvsService.class,
          useEventSourceWithName = DependentNames.SERVICES,
          reconcilePrecondition = Wanted.class),
      @Dependent(
          name = DependentNames.SERVICE_MONITORS,
          type = OwnedDependents.ServiceMonitors.class,
          activationCondition = CrdInstalled.class),
      @Dependent(
          name = DependentNames.ALERTS,
          type = OwnedDependents.AlertRulesDependent.class,
          activationCondition = CrdInstalled.class,
          reconcilePrecondition = Wanted.class),
      @Dependent(
          name = DependentNames.DASHBOARD,
          type = OwnedDependents.DashboardConfigMap.class,
          reconcilePrecondition = Wanted.class),
      @Dependent(
          name = DependentNames.GRAFANA_FOLDERS,
          type = GrafanaOperatorDependents.FoldersDependent.class,
          activationCondition = CrdInstalled.class),
      @Dependent(
          name = DependentNames.GRAFANA_DASHBOARD,
          type = GrafanaOperatorDependents.DashboardDependent.class,
          activationCondition = CrdInstalled.class,
          reconcilePrecondition = Wanted.class)
    })
@ControllerConfiguration(name = ExecutionWatchDemoReconciler.NAME)
public class ExecutionWatchDemoReconciler implements Reconciler<ExecutionWatchDemo> {

  public static final String NAME = "executionwatchdemo";

  /** How soon a reconcile that could not put everything in place is tried again. */
  static final Duration RETRY = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionWatchDemoReconciler.class);

  private final EventRecorder events;
  private final Clock clock;
  private final WorkloadConfig config;
  private final OperatorMetrics metrics;
  private final Ownership ownership;

  /** Demos (by uid) another instance owns that this one has said so about, with that owner. */
  private final Map<String, String> leftToOwner = new ConcurrentHashMap<>();

  public ExecutionWatchDemoReconciler(
      EventRecorder events,
      Clock clock,
      WorkloadConfig config,
      OperatorMetrics metrics,
      Ownership ownership) {
    this.events = events;
    this.clock = clock;
    this.config = config;
    this.metrics = metrics;
    this.ownership = ownership;
  }

  @Override
  public List<EventSource<?, ExecutionWatchDemo>> prepareEventSources(
      EventSourceContext<ExecutionWatchDemo> context) {
    return List.of(
        owned(Deployment.class, DependentNames.DEPLOYMENTS, context),
        owned(Service.class, DependentNames.SERVICES, context));
  }

  /** An informer of one kind of owned object: only objects labelled as managed by us. */
  private static <R extends HasMetadata> InformerEventSource<R, ExecutionWatchDemo> owned(
      Class<R> type, String name, EventSourceContext<ExecutionWatchDemo> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, ExecutionWatchDemo.class)
            .withName(name)
            .withLabelSelector(DemoObjects.OWNED_SELECTOR)
            .build(),
        context);
  }

  @Override
  public UpdateControl<ExecutionWatchDemo> reconcile(
      ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
    Ownership.Verdict verdict = ownership.decide(demo, context.getClient());
    if (!verdict.ours()) {
      return leaveToOwner(demo, verdict);
    }
    announce(demo, verdict);
    // the claim or heartbeat just written changed the demo's resourceVersion
    demo.getMetadata().setResourceVersion(verdict.demo().getMetadata().getResourceVersion());
    demo.getMetadata().setAnnotations(verdict.demo().getMetadata().getAnnotations());
    DesiredDemo desired = DesiredDemo.of(demo, config);
    var workflow = context.managedWorkflowAndDependentResourceContext();
    workflow.put(DesiredDemo.class, desired);
    workflow.put(GrafanaOperatorDependents.INSTANCE, ownership.instance());
    WorkflowReconcileResult result = workflow.reconcileManagedWorkflow();
    Observed observed = DemoObserver.observe(demo, desired, result, context, ownership.instance());
    ExecutionWatchDemoStatus status = StatusBuilder.build(demo, observed, clock.instant());
    reportProblems(demo, status);
    metrics.conditions(demo, status.conditions);
    if (!observed.errors().isEmpty()) {
      metrics.writesFailed(demo);
    }
    boolean settled = observed.policyInPlace() && observed.errors().isEmpty();
    UpdateControl<ExecutionWatchDemo> control;
    if (Objects.equals(status, demo.getStatus())) {
      control = UpdateControl.noUpdate();
    } else {
      demo.setStatus(status);
      control = UpdateControl.patchStatus(demo);
    }
    Duration next = settled ? verdict.recheckIn() : min(RETRY, verdict.recheckIn());
    return control.rescheduleAfter(next);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Said once: a claim, or a takeover from an instance whose heartbeat stopped. */
  private void announce(ExecutionWatchDemo demo, Ownership.Verdict verdict) {
    String uid = demo.getMetadata().getUid();
    leftToOwner.remove(uid);
    if (verdict.kind() == Ownership.Kind.CLAIMED) {
      LOG.info(
          "{}/{}: reconciled by this operator instance ({}).",
          demo.getMetadata().getNamespace(),
          demo.getMetadata().getName(),
          ownership.instance());
      events.normal(
          demo, "Claimed", "Reconciled by operator instance " + ownership.instance() + ".");
    } else if (verdict.kind() == Ownership.Kind.TAKEN_OVER) {
      String message =
          "Operator instance "
              + ownership.instance()
              + " took this demo over from "
              + verdict.previousOwner()
              + ", whose heartbeat had not changed for "
              + ownership.takeoverAfter().toSeconds()
              + " s (stopped, uninstalled, or no longer allowed to write the demo).";
      LOG.warn(
          "{}/{}: {}", demo.getMetadata().getNamespace(), demo.getMetadata().getName(), message);
      events.warning(demo, "TakenOver", message);
    }
  }

  /**
   * Another live instance owns the demo: nothing is written to it or its objects, its metrics are
   * left to the owner, and the overlap is said once (log and a Warning Event on the demo) with what
   * an admin does about it. Looked at again when the owner would be taken over.
   */
  private UpdateControl<ExecutionWatchDemo> leaveToOwner(
      ExecutionWatchDemo demo, Ownership.Verdict verdict) {
    metrics.ownedElsewhere(demo);
    String uid = demo.getMetadata().getUid();
    if (!verdict.owner().equals(leftToOwner.put(uid, verdict.owner()))) {
      String message =
          "Operator instance "
              + ownership.instance()
              + " also watches this demo, which "
              + verdict.owner()
              + " reconciles; it leaves the demo alone and takes over only if "
              + verdict.owner()
              + " stops for "
              + ownership.takeoverAfter().toSeconds()
              + " s. Two operator releases watch namespace "
              + demo.getMetadata().getNamespace()
              + ": narrow one's watchNamespaces (or watchAllNamespaces=false) so that each"
              + " namespace has one.";
      LOG.warn(
          "{}/{}: {}", demo.getMetadata().getNamespace(), demo.getMetadata().getName(), message);
      events.warning(demo, "OverlappingOperators", message);
    }
    return UpdateControl.<ExecutionWatchDemo>noUpdate().rescheduleAfter(verdict.recheckIn());
  }

  /**
   * One Warning Event when Ready or NoLiveEnforced (or DashboardProvisioned, for a folder left as
   * found) turns False for a new reason (not on every retry or resync), and the same in the log.
   */
  private void reportProblems(ExecutionWatchDemo demo, ExecutionWatchDemoStatus status) {
    for (String type :
        List.of(StatusBuilder.NO_LIVE, StatusBuilder.READY, StatusBuilder.DASHBOARD)) {
      Condition now = StatusBuilder.find(status.conditions, type).orElseThrow();
      if (!"False".equals(now.getStatus())
          || StatusBuilder.PENDING_REASONS.contains(now.getReason())
          || (type.equals(StatusBuilder.DASHBOARD)
              && !now.getReason().equals(StatusBuilder.GRAFANA_FOLDER_NOT_USABLE))) {
        continue;
      }
      boolean alreadyReported =
          demo.getStatus() != null
              && StatusBuilder.find(demo.getStatus().conditions, type)
                  .filter(
                      c ->
                          c.getReason().equals(now.getReason())
                              && c.getMessage().equals(now.getMessage()))
                  .isPresent();
      if (!alreadyReported) {
        LOG.warn(
            "{}/{} {}: {} (kubectl describe ewd {} -n {})",
            demo.getMetadata().getNamespace(),
            demo.getMetadata().getName(),
            now.getReason(),
            now.getMessage(),
            demo.getMetadata().getName(),
            demo.getMetadata().getNamespace());
        events.warning(demo, now.getReason(), now.getMessage());
        return;
      }
    }
  }

  @Override
  public ErrorStatusUpdateControl<ExecutionWatchDemo> updateErrorStatus(
      ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context, Exception e) {
    String message = "Reconcile failed and will be retried: " + DemoObserver.rootMessage(e);
    LOG.error(
        "{}/{}: {}", demo.getMetadata().getNamespace(), demo.getMetadata().getName(), message, e);
    events.warning(demo, "ReconcileFailed", message);
    ExecutionWatchDemoStatus status =
        StatusBuilder.withReconcileError(demo, message, clock.instant());
    metrics.conditions(demo, status.conditions);
    demo.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(demo);
  }
}
