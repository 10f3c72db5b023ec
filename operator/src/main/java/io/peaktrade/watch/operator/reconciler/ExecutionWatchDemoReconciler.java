package io.peaktrade.watch.operator.reconciler;

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
import java.util.Objects;
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

  private final Announcements say;

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
    this.say = new Announcements(events, ownership);
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
      // nothing is written to the demo or its objects, its metrics are left to the owner; looked
      // at again when the owner would be taken over
      metrics.ownedElsewhere(demo);
      say.leftToOwner(demo, verdict);
      return UpdateControl.<ExecutionWatchDemo>noUpdate().rescheduleAfter(verdict.recheckIn());
    }
    say.owned(demo, verdict);
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
    say.problems(demo, status);
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
