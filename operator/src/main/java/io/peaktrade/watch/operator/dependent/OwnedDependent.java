package io.peaktrade.watch.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.model.DemoObjects;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import io.peaktrade.watch.operator.model.DesiredDemo;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.function.Function;

/**
 * One owned Kubernetes object of a demo. Its desired state is the matching part of the {@link
 * DesiredDemo} the reconciler built for this reconcile (so nothing is built twice); JOSDK creates,
 * compares, updates and sets the owner reference.
 */
public abstract class OwnedDependent<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, ExecutionWatchDemo> {

  private final Component component;
  private final Function<DesiredDemo, Optional<R>> part;

  protected OwnedDependent(
      Class<R> type, Component component, Function<DesiredDemo, Optional<R>> part) {
    super(type);
    this.component = component;
    this.part = part;
  }

  /** The desired demo of the running reconcile, put into the context by the reconciler. */
  public static DesiredDemo desiredDemo(Context<ExecutionWatchDemo> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(DesiredDemo.class, DesiredDemo.class);
  }

  /** Whether this reconcile wants the object (else the workflow deletes it). */
  boolean wanted(Context<ExecutionWatchDemo> context) {
    return part.apply(desiredDemo(context)).isPresent();
  }

  @Override
  protected R desired(ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
    return part.apply(desiredDemo(context))
        .orElseThrow(
            () -> new IllegalStateException(component + " is not wanted for this demo spec"));
  }

  /**
   * Updates carry the cached object's resourceVersion (optimistic locking, kube-apiserver answers
   * 409 Conflict when it is stale). Someone else writing the object meanwhile is routine (the
   * Deployment controller writes status all through a rollout): read it again and apply the same
   * desired state to what is stored now, once, rather than fail the reconcile with a Warning Event
   * for a race nobody needs to hear about. A second conflict fails as any error does.
   */
  @Override
  public R update(
      R actual, R desired, ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
    try {
      return super.update(actual, desired, demo, context);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      R stored = context.getClient().resource(actual).get();
      if (stored == null) {
        throw e;
      }
      return super.update(stored, desired, demo, context);
    }
  }

  /** The object's name is fixed by the demo's name: no need to build it to find it. */
  @Override
  protected ResourceID targetSecondaryResourceID(
      ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
    return new ResourceID(DemoObjects.name(demo, component), demo.getMetadata().getNamespace());
  }
}
