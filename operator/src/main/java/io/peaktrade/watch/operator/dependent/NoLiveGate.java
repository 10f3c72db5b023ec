package io.peaktrade.watch.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import io.peaktrade.watch.operator.model.ObservedMatch;
import java.util.Optional;

/**
 * The no-live gate (layer 3), decided here only: a demo's workloads run one replica only while its
 * NetworkPolicy is in the cluster exactly as desired, written without failure in this reconcile;
 * zero otherwise. The Deployment dependents scale by it; the observer reports it.
 *
 * @param state where the policy stands
 * @param problem the failed write or the difference, when the gate is shut
 */
public record NoLiveGate(State state, String problem) {

  /** Where the no-live NetworkPolicy stands; only IN_PLACE opens the gate. */
  public enum State {
    IN_PLACE,
    MISSING,
    DIFFERS,
    WRITE_FAILED
  }

  public boolean open() {
    return state == State.IN_PLACE;
  }

  /** The workloads' replicas behind this gate. */
  public int replicas() {
    return open() ? 1 : 0;
  }

  /** The gate as the caches have the policy now (after this reconcile's write of it). */
  public static NoLiveGate of(ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
    Optional<String> writeFailure =
        context
            .managedWorkflowAndDependentResourceContext()
            .get(OwnedDependents.POLICY_WRITE_FAILED, String.class);
    if (writeFailure.isPresent()) {
      return new NoLiveGate(State.WRITE_FAILED, writeFailure.get());
    }
    Optional<NetworkPolicy> actual =
        OwnedDependents.observed(demo, Component.NETWORK_POLICY, NetworkPolicy.class, context);
    if (actual.isEmpty()) {
      return new NoLiveGate(State.MISSING, "the NetworkPolicy is not in the cluster");
    }
    if (!ObservedMatch.networkPolicyExact(
        OwnedDependent.desiredDemo(context).networkPolicy(), actual.get())) {
      return new NoLiveGate(
          State.DIFFERS, "the NetworkPolicy in the cluster differs from the no-live policy");
    }
    return new NoLiveGate(State.IN_PLACE, "");
  }
}
