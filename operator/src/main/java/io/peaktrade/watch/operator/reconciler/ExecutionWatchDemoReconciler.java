package io.peaktrade.watch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoStatus;
import io.peaktrade.watch.operator.dependent.CrdInstalled;
import io.peaktrade.watch.operator.dependent.GrafanaOperatorDependents;
import io.peaktrade.watch.operator.dependent.OwnedDependents;
import io.peaktrade.watch.operator.dependent.Wanted;
import io.peaktrade.watch.operator.grafana.GrafanaDashboard;
import io.peaktrade.watch.operator.model.DemoObjects;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import io.peaktrade.watch.operator.model.DemoPods;
import io.peaktrade.watch.operator.model.DesiredDemo;
import io.peaktrade.watch.operator.model.ObservedMatch;
import io.peaktrade.watch.operator.model.WorkloadConfig;
import io.peaktrade.watch.operator.runtime.OperatorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
          name = ExecutionWatchDemoReconciler.NETWORK_POLICY,
          type = OwnedDependents.NetworkPolicyDependent.class),
      @Dependent(
          name = ExecutionWatchDemoReconciler.EXPORTER,
          type = OwnedDependents.ExporterDeployment.class,
          useEventSourceWithName = ExecutionWatchDemoReconciler.DEPLOYMENTS,
          dependsOn = ExecutionWatchDemoReconciler.NETWORK_POLICY,
          reconcilePrecondition = Wanted.class),
      @Dependent(
          name = "exporter-service",
          type = OwnedDependents.ExporterService.class,
          useEventSourceWithName = ExecutionWatchDemoReconciler.SERVICES,
          reconcilePrecondition = Wanted.class),
      @Dependent(
          name = ExecutionWatchDemoReconciler.SHADOW_MVS,
          type = OwnedDependents.ShadowMvsDeployment.class,
          useEventSourceWithName = ExecutionWatchDemoReconciler.DEPLOYMENTS,
          dependsOn = ExecutionWatchDemoReconciler.NETWORK_POLICY,
          reconcilePrecondition = Wanted.class),
      @Dependent(
          name = "shadow-mvs-service",
          type = OwnedDependents.ShadowMvsService.class,
          useEventSourceWithName = ExecutionWatchDemoReconciler.SERVICES,
          reconcilePrecondition = Wanted.class),
      @Dependent(
          name = ExecutionWatchDemoReconciler.SERVICE_MONITORS,
          type = OwnedDependents.ServiceMonitors.class,
          activationCondition = CrdInstalled.class),
      @Dependent(
          name = ExecutionWatchDemoReconciler.ALERTS,
          type = OwnedDependents.AlertRulesDependent.class,
          activationCondition = CrdInstalled.class,
          reconcilePrecondition = Wanted.class),
      @Dependent(
          name = ExecutionWatchDemoReconciler.DASHBOARD,
          type = OwnedDependents.DashboardConfigMap.class,
          reconcilePrecondition = Wanted.class),
      @Dependent(
          name = ExecutionWatchDemoReconciler.GRAFANA_FOLDERS,
          type = GrafanaOperatorDependents.FoldersDependent.class,
          activationCondition = CrdInstalled.class),
      @Dependent(
          name = ExecutionWatchDemoReconciler.GRAFANA_DASHBOARD,
          type = GrafanaOperatorDependents.DashboardDependent.class,
          activationCondition = CrdInstalled.class,
          reconcilePrecondition = Wanted.class)
    })
@ControllerConfiguration(name = ExecutionWatchDemoReconciler.NAME)
public class ExecutionWatchDemoReconciler implements Reconciler<ExecutionWatchDemo> {

  public static final String NAME = "executionwatchdemo";
  static final String NETWORK_POLICY = "no-live-network-policy";
  static final String EXPORTER = "exporter-deployment";
  static final String SHADOW_MVS = "shadow-mvs-deployment";
  static final String SERVICE_MONITORS = "service-monitors";
  static final String DASHBOARD = "dashboard";
  static final String ALERTS = "alert-rules";
  static final String GRAFANA_FOLDERS = "grafana-folders";
  static final String GRAFANA_DASHBOARD = "grafana-dashboard";

  /** One informer per kind for the demo's Deployments and Services, shared by their dependents. */
  static final String DEPLOYMENTS = "deployments";

  static final String SERVICES = "services";

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
        owned(Deployment.class, DEPLOYMENTS, context), owned(Service.class, SERVICES, context));
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
    Observed observed = observe(demo, desired, result, context, ownership.instance());
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

  private static Observed observe(
      ExecutionWatchDemo demo,
      DesiredDemo desired,
      WorkflowReconcileResult result,
      Context<ExecutionWatchDemo> context,
      String instance) {
    Optional<String> writeFailure = OwnedDependents.policyWriteFailure(context);
    Observed.Policy policy;
    String policyProblem;
    if (writeFailure.isPresent()) {
      policy = Observed.Policy.WRITE_FAILED;
      policyProblem = writeFailure.get();
    } else if (OwnedDependents.observedPolicy(demo, context).isEmpty()) {
      policy = Observed.Policy.MISSING;
      policyProblem = "the NetworkPolicy is not in the cluster";
    } else if (!OwnedDependents.policyInPlace(demo, context)) {
      policy = Observed.Policy.DIFFERS;
      policyProblem = "the NetworkPolicy in the cluster differs from the no-live policy";
    } else {
      policy = Observed.Policy.IN_PLACE;
      policyProblem = "";
    }
    int replicas = policy == Observed.Policy.IN_PLACE ? 1 : 0;
    Optional<Deployment> exporter =
        OwnedDependents.observed(demo, Component.EXPORTER, Deployment.class, context);
    Optional<Deployment> shadowMvs =
        OwnedDependents.observed(demo, Component.SHADOW_MVS, Deployment.class, context);
    boolean workloadsExact =
        exact(desired.exporter(), exporter, replicas)
            && exact(desired.shadowMvs(), shadowMvs, replicas);
    Observed.Monitoring monitoring;
    if (desired.serviceMonitors().isEmpty()) {
      monitoring = Observed.Monitoring.DISABLED;
    } else if (!active(result, SERVICE_MONITORS)) {
      monitoring = Observed.Monitoring.CRD_ABSENT;
    } else {
      Set<String> there =
          observedAll(ServiceMonitor.class, context)
              .filter(m -> m.getMetadata().getNamespace().equals(demo.getMetadata().getNamespace()))
              .map(m -> m.getMetadata().getName())
              .collect(Collectors.toSet());
      monitoring =
          desired.serviceMonitors().stream()
                  .allMatch(m -> there.contains(m.getMetadata().getName()))
              ? Observed.Monitoring.CREATED
              : Observed.Monitoring.MISSING;
    }
    List<String> running = new ArrayList<>();
    exporter
        .filter(ExecutionWatchDemoReconciler::hasReplicas)
        .ifPresent(d -> running.add(d.getMetadata().getName()));
    shadowMvs
        .filter(ExecutionWatchDemoReconciler::hasReplicas)
        .ifPresent(d -> running.add(d.getMetadata().getName()));
    List<String> errors =
        result.getErroredDependents().entrySet().stream()
            .map(e -> e.getKey().name() + ": " + rootMessage(e.getValue()))
            .sorted()
            .toList();
    return new Observed(
        desired.violations(),
        policy,
        policyProblem,
        workloadsExact,
        desired.accepted() && available(exporter),
        desired.accepted() && available(shadowMvs),
        monitoring,
        desired.dashboard().isPresent(),
        desired.dashboard().isPresent()
            && OwnedDependents.observed(demo, Component.DASHBOARD, ConfigMap.class, context)
                .isPresent(),
        desired.grafanaDashboard().isPresent()
            && active(result, GRAFANA_DASHBOARD)
            && OwnedDependents.observed(demo, Component.DASHBOARD, GrafanaDashboard.class, context)
                .isPresent(),
        desired.alertRules().isPresent()
            && active(result, ALERTS)
            && OwnedDependents.observed(demo, Component.ALERTS, PrometheusRule.class, context)
                .isPresent(),
        errors,
        instance,
        running,
        desired.grafanaDashboard().isPresent() && active(result, GRAFANA_FOLDERS)
            ? GrafanaOperatorDependents.folderProblems(demo, context)
            : List.of());
  }

  /**
   * A wanted workload is in the cluster exactly as built. An unwanted one is being deleted by the
   * workflow (the cache may still hold it for a moment): no drift to report.
   */
  private static boolean exact(
      Optional<Deployment> desired, Optional<Deployment> actual, int replicas) {
    if (desired.isEmpty()) {
      return true;
    }
    return ObservedMatch.workloadExact(
        DemoPods.withReplicas(desired.get(), replicas), actual.orElse(null));
  }

  private static boolean available(Optional<Deployment> d) {
    return d.map(
            dep ->
                dep.getSpec().getReplicas() != null
                    && dep.getSpec().getReplicas() >= 1
                    && dep.getStatus() != null
                    && dep.getStatus().getAvailableReplicas() != null
                    && dep.getStatus().getAvailableReplicas() >= 1)
        .orElse(false);
  }

  /** Whether a dependent took part in this reconcile (its CRD installed): reconciled or failed. */
  private static boolean active(WorkflowReconcileResult result, String dependent) {
    return result.getReconciledDependents().stream().anyMatch(d -> named(d, dependent))
        || result.getErroredDependents().keySet().stream().anyMatch(d -> named(d, dependent));
  }

  /** Every object of a kind in the operator's caches; none when its informer does not run. */
  private static <R extends HasMetadata> Stream<R> observedAll(
      Class<R> type, Context<ExecutionWatchDemo> context) {
    try {
      return context.getSecondaryResourcesAsStream(type);
    } catch (RuntimeException noEventSource) {
      return Stream.empty();
    }
  }

  private static boolean hasReplicas(Deployment d) {
    return d.getSpec() != null
        && d.getSpec().getReplicas() != null
        && d.getSpec().getReplicas() > 0;
  }

  private static boolean named(DependentResource<?, ?> d, String name) {
    return name.equals(d.name());
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
    String message = "Reconcile failed and will be retried: " + rootMessage(e);
    LOG.error(
        "{}/{}: {}", demo.getMetadata().getNamespace(), demo.getMetadata().getName(), message, e);
    events.warning(demo, "ReconcileFailed", message);
    ExecutionWatchDemoStatus status =
        StatusBuilder.withReconcileError(demo, message, clock.instant());
    metrics.conditions(demo, status.conditions);
    demo.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(demo);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
