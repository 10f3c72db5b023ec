package io.peaktrade.watch.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.model.DesiredDemo;

/**
 * Reconcile precondition of every optional owned object with a dependent of its own: the {@link
 * DesiredDemo} holds it. When it does not (a refused spec, a part switched off), the workflow
 * deletes the object. The bulk dependents (ServiceMonitors, GrafanaFolders) need none: what their
 * desired map lacks they delete themselves, or keep on purpose.
 */
public class Wanted implements Condition<HasMetadata, ExecutionWatchDemo> {
  @Override
  public boolean isMet(
      DependentResource<HasMetadata, ExecutionWatchDemo> dependent,
      ExecutionWatchDemo demo,
      Context<ExecutionWatchDemo> context) {
    return ((OwnedDependent<?>) dependent).wanted(context);
  }
}
