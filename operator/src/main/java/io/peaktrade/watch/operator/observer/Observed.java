package io.peaktrade.watch.operator.observer;

import io.peaktrade.watch.operator.dependent.NoLiveGate;
import io.peaktrade.watch.operator.validation.SpecValidator.Violation;
import java.util.List;

/**
 * What one reconcile found in the cluster, as plain data: the spec's verdict and the state of the
 * owned objects as observed after the workflow ran ({@link DemoObserver}). The reconciler's
 * StatusBuilder turns it into status, so that mapping is tested without an API server, and nothing
 * in the status is claimed that was not observed here.
 *
 * @param violations what is wrong with the spec (empty: accepted)
 * @param gate the no-live gate: the NetworkPolicy as observed
 * @param workloadsExact every existing demo Deployment runs exactly the hardened pods
 * @param dashboardProvisioned the dashboard ConfigMap for the Grafana sidecar was reconciled
 * @param grafanaDashboardCreated the GrafanaDashboard for grafana-operator was reconciled (only
 *     while its CRDs are installed)
 * @param errors owned objects that could not be written, with the API server's answer
 * @param owner the operator instance that reconciles the demo (this one)
 * @param runningWorkloads the demo Deployments observed with a replica or more
 * @param folderProblems why a shared GrafanaFolder the dashboard goes into is not as the operator
 *     would have it, from what was observed (empty: both are)
 */
public record Observed(
    List<Violation> violations,
    NoLiveGate gate,
    boolean workloadsExact,
    boolean exporterAvailable,
    boolean shadowMvsAvailable,
    Monitoring monitoring,
    boolean dashboardWanted,
    boolean dashboardProvisioned,
    boolean grafanaDashboardCreated,
    boolean alertRulesCreated,
    List<String> errors,
    String owner,
    List<String> runningWorkloads,
    List<String> folderProblems) {

  /** Where the ServiceMonitors stand. */
  public enum Monitoring {
    DISABLED,
    CRD_ABSENT,
    /** Wanted, the CRD is installed, but not every ServiceMonitor is in the cluster. */
    MISSING,
    CREATED
  }

  public boolean accepted() {
    return violations.isEmpty();
  }

  public boolean liveRefused() {
    return violations.stream().anyMatch(Violation::live);
  }

  public boolean policyInPlace() {
    return gate.open();
  }

  public NoLiveGate.State policy() {
    return gate.state();
  }

  public String policyProblem() {
    return gate.problem();
  }
}
