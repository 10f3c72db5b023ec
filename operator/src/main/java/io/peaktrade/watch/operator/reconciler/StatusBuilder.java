package io.peaktrade.watch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.peaktrade.watch.contracts.ScrapeTarget;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoStatus;
import io.peaktrade.watch.operator.model.Dashboard;
import io.peaktrade.watch.operator.model.DemoObjects;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import io.peaktrade.watch.operator.model.GrafanaFolders;
import io.peaktrade.watch.operator.observer.Observed;
import io.peaktrade.watch.operator.validation.SpecValidator.Violation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the status from what a reconcile observed. Pure: the same inputs give the same status, and
 * a condition keeps its lastTransitionTime while its status stays the same, so a steady-state
 * reconcile produces an equal status and no write.
 */
public final class StatusBuilder {

  public static final String READY = "Ready";
  public static final String NO_LIVE = "NoLiveEnforced";
  public static final String MONITORING = "MonitoringReady";
  public static final String DASHBOARD = "DashboardProvisioned";
  public static final String SERVICE_MONITOR_CRD = "servicemonitors.monitoring.coreos.com";

  /** DashboardProvisioned False: a shared GrafanaFolder is left as found, and said why. */
  public static final String GRAFANA_FOLDER_NOT_USABLE = "GrafanaFolderNotUsable";

  /** Reasons of a False condition that only say "not yet": no Warning Event for them. */
  public static final Set<String> PENDING_REASONS = Set.of("WorkloadsNotAvailable", "Pending");

  private StatusBuilder() {}

  public static ExecutionWatchDemoStatus build(ExecutionWatchDemo demo, Observed o, Instant now) {
    List<Condition> previous = demo.getStatus() == null ? List.of() : demo.getStatus().conditions;
    long generation =
        demo.getMetadata().getGeneration() == null ? 0 : demo.getMetadata().getGeneration();
    List<Condition> conditions = new ArrayList<>();
    conditions.add(ready(o));
    conditions.add(noLive(o));
    conditions.add(monitoring(o));
    conditions.add(dashboard(demo, o));
    ExecutionWatchDemoStatus s = new ExecutionWatchDemoStatus();
    s.observedGeneration = generation;
    for (Condition c : conditions) {
      c.setObservedGeneration(generation);
      c.setLastTransitionTime(
          find(previous, c.getType())
              .filter(p -> p.getStatus().equals(c.getStatus()))
              .map(Condition::getLastTransitionTime)
              .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString()));
      s.conditions.add(c);
    }
    s.endpoints = o.accepted() ? endpoints(demo, o) : new LinkedHashMap<>();
    s.owner = o.owner();
    return s;
  }

  /** The current status with Ready set to False because a reconcile failed (it is retried). */
  public static ExecutionWatchDemoStatus withReconcileError(
      ExecutionWatchDemo demo, String message, Instant now) {
    ExecutionWatchDemoStatus s = new ExecutionWatchDemoStatus();
    if (demo.getStatus() != null) {
      s.observedGeneration = demo.getStatus().observedGeneration;
      s.conditions.addAll(demo.getStatus().conditions);
      s.endpoints.putAll(demo.getStatus().endpoints);
      s.owner = demo.getStatus().owner;
    }
    Condition failed = condition(READY, false, "ReconcileFailed", message);
    failed.setObservedGeneration(demo.getMetadata().getGeneration());
    // a retry that fails again is no transition: Ready stays False since the first failure
    failed.setLastTransitionTime(
        find(s.conditions, READY)
            .filter(c -> "False".equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString()));
    s.conditions.removeIf(c -> READY.equals(c.getType()));
    s.conditions.add(0, failed);
    return s;
  }

  static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static Condition ready(Observed o) {
    if (!o.accepted()) {
      return condition(
          READY,
          false,
          o.liveRefused() ? "LiveTradingRefused" : "InvalidSpec",
          "Nothing is deployed for this spec: " + describe(o.violations()));
    }
    if (!o.policyInPlace()) {
      return condition(
          READY,
          false,
          "WorkloadsStopped",
          (o.runningWorkloads().isEmpty()
                  ? "The workloads are scaled to zero until the no-live NetworkPolicy is in place: "
                  : stillRunning(o) + " The no-live NetworkPolicy is not in place: ")
              + o.policyProblem()
              + ".");
    }
    if (!o.errors().isEmpty()) {
      return condition(
          READY,
          false,
          "ReconcileFailed",
          "Could not write "
              + String.join("; ", o.errors())
              + ". Retried every few seconds; check the operator's RBAC and the API server.");
    }
    if (!o.exporterAvailable() || !o.shadowMvsAvailable()) {
      List<String> waiting = new ArrayList<>();
      if (!o.exporterAvailable()) {
        waiting.add("exporter");
      }
      if (!o.shadowMvsAvailable()) {
        waiting.add("shadow-mvs");
      }
      return condition(
          READY,
          false,
          "WorkloadsNotAvailable",
          "Waiting for Deployment(s) "
              + String.join(", ", waiting)
              + " to have an available replica "
              + "(kubectl describe deployment; check the operator's exporter image setting).");
    }
    return condition(
        READY, true, "WorkloadsAvailable", "Exporter and mock shadow_mvs are available.");
  }

  /** Said only from what was observed in the cluster after this reconcile. */
  private static Condition noLive(Observed o) {
    if (o.liveRefused()) {
      return condition(
          NO_LIVE,
          false,
          "LiveTradingRefused",
          "The spec asks for something a no-live demo never does, so nothing runs: "
              + describe(o.violations()));
    }
    switch (o.policy()) {
      case WRITE_FAILED:
        return condition(
            NO_LIVE, false, "NetworkPolicyWriteFailed", stopped(o) + o.policyProblem() + ".");
      case MISSING:
        return condition(
            NO_LIVE,
            false,
            "NetworkPolicyMissing",
            stopped(o) + "the deny-all-egress NetworkPolicy is not in the cluster.");
      case DIFFERS:
        return condition(
            NO_LIVE,
            false,
            "NetworkPolicyDiffers",
            stopped(o)
                + "the NetworkPolicy in the cluster differs from the no-live policy (an added rule"
                + " or a changed selector); it is being put back.");
      default:
        break;
    }
    if (!o.workloadsExact()) {
      return condition(
          NO_LIVE,
          false,
          "WorkloadDiffers",
          "A demo Deployment in the cluster differs from the hardened pod spec (containers,"
              + " image, args, env, volumes, host namespaces, service account, security context"
              + " or replicas); "
              + (o.errors().isEmpty()
                  ? "it is being put back."
                  : "putting it back failed, retried: " + String.join("; ", o.errors()) + "."));
    }
    return condition(
        NO_LIVE,
        true,
        "Enforced",
        "Observed: the NetworkPolicy denies all egress and admits scrapes only from the"
            + " Prometheus namespaces; every demo pod runs the operator's image non-root,"
            + " read-only, without capabilities or service-account token.");
  }

  /**
   * How a False NoLiveEnforced begins: what the workloads were observed doing after this
   * reconcile's writes, never what the operator meant them to do.
   */
  private static String stopped(Observed o) {
    return o.runningWorkloads().isEmpty() ? "Workloads scaled to zero: " : stillRunning(o) + " ";
  }

  private static String stillRunning(Observed o) {
    return "Workloads NOT scaled to zero: Deployment(s) "
        + String.join(", ", o.runningWorkloads())
        + " still run a replica (the scale-down was refused or has not happened; "
        + (o.errors().isEmpty() ? "retried" : String.join("; ", o.errors()))
        + ").";
  }

  private static Condition monitoring(Observed o) {
    return switch (o.monitoring()) {
      case DISABLED ->
          condition(
              MONITORING,
              false,
              o.accepted() ? "Disabled" : "InvalidSpec",
              o.accepted()
                  ? "spec.serviceMonitor.enabled is false."
                  : "Nothing is deployed for this spec.");
      case CRD_ABSENT ->
          condition(
              MONITORING,
              false,
              "ServiceMonitorCRDAbsent",
              "The CRD "
                  + SERVICE_MONITOR_CRD
                  + " is not installed, so no ServiceMonitors were created; install"
                  + " prometheus-operator (e.g. kube-prometheus-stack) and they follow within a"
                  + " minute.");
      case MISSING ->
          condition(
              MONITORING,
              false,
              "ServiceMonitorsMissing",
              "Not every ServiceMonitor is in the cluster"
                  + (o.errors().isEmpty() ? "" : ": " + String.join("; ", o.errors()))
                  + "; retried.");
      case CREATED ->
          condition(
              MONITORING,
              true,
              "ServiceMonitorsCreated",
              "ServiceMonitors created; Prometheus jobs: ai_live, shadow_mvs, and"
                  + " execution_watch_api when the watch API runs. "
                  + (o.alertRulesCreated()
                      ? "Alert rules created (PrometheusRule)."
                      : "No PrometheusRule: the CRD prometheusrules.monitoring.coreos.com is not"
                          + " installed."));
    };
  }

  private static Condition dashboard(ExecutionWatchDemo demo, Observed o) {
    if (!o.dashboardWanted()) {
      return condition(
          DASHBOARD,
          false,
          o.accepted() ? "Disabled" : "InvalidSpec",
          o.accepted() ? "spec.dashboard.enabled is false." : "Nothing is deployed for this spec.");
    }
    if (!o.dashboardProvisioned()) {
      return condition(
          DASHBOARD,
          false,
          "Pending",
          "The dashboard ConfigMap is not in the cluster yet"
              + (o.errors().isEmpty() ? "." : ": " + String.join("; ", o.errors())));
    }
    if (!o.folderProblems().isEmpty()) {
      return condition(
          DASHBOARD, false, GRAFANA_FOLDER_NOT_USABLE, String.join(" ", o.folderProblems()));
    }
    return condition(
        DASHBOARD,
        true,
        "ConfigMapCreated",
        "Dashboard ConfigMap created for the Grafana sidecar (folder "
            + Dashboard.sidecarFolder(demo)
            + (o.grafanaDashboardCreated()
                ? "), and a GrafanaDashboard for grafana-operator (folder "
                    + GrafanaFolders.PARENT_TITLE
                    + " → "
                    + GrafanaFolders.FOLDER_TITLE
                    + ")."
                : ")."));
  }

  private static Map<String, String> endpoints(ExecutionWatchDemo demo, Observed o) {
    String ns = demo.getMetadata().getNamespace();
    String exporter = DemoObjects.name(demo, Component.EXPORTER) + "." + ns + ".svc";
    String shadow = DemoObjects.name(demo, Component.SHADOW_MVS) + "." + ns + ".svc";
    Map<String, String> e = new LinkedHashMap<>();
    e.put("aiLiveMetrics", "http://" + exporter + ":" + ScrapeTarget.AI_LIVE.port() + "/metrics");
    e.put(
        "shadowMvsMetrics", "http://" + shadow + ":" + ScrapeTarget.SHADOW_MVS.port() + "/metrics");
    if (Boolean.TRUE.equals(demo.getSpec().watchApi.enabled)) {
      e.put(
          "watchApi",
          "http://" + exporter + ":" + ScrapeTarget.WATCH_API.port() + "/api/v1/summary");
    }
    if (o.dashboardWanted()) {
      e.put("dashboardUid", Dashboard.uid(demo));
    }
    return e;
  }

  private static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }

  private static Condition condition(String type, boolean status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .build();
  }
}
