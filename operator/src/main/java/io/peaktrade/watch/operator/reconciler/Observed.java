package io.peaktrade.watch.operator.reconciler;

import io.peaktrade.watch.operator.policy.NoLivePolicy.Violation;
import java.util.List;

/**
 * What one reconcile found, as plain data: the policy verdict and the state of the owned objects.
 * {@link StatusBuilder} turns it into status, so that mapping is tested without an API server.
 */
public record Observed(
    List<Violation> violations,
    boolean exporterAvailable,
    boolean shadowMvsAvailable,
    Monitoring monitoring,
    boolean dashboardWanted,
    boolean dashboardProvisioned,
    boolean networkPolicyApplied,
    boolean alertRulesCreated) {

  /** Where the ServiceMonitors stand. */
  public enum Monitoring {
    DISABLED,
    CRD_ABSENT,
    CREATED
  }

  public boolean accepted() {
    return violations.isEmpty();
  }

  public boolean liveRefused() {
    return violations.stream().anyMatch(Violation::live);
  }
}
