package io.peaktrade.watch.operator.dependent;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.BulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.grafana.GrafanaDashboard;
import io.peaktrade.watch.operator.grafana.GrafanaFolder;
import io.peaktrade.watch.operator.grafana.GrafanaOperator;
import io.peaktrade.watch.operator.model.DemoObjects;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import io.peaktrade.watch.operator.model.DesiredDemo;
import io.peaktrade.watch.operator.model.GrafanaFolders;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard for grafana-operator, active only while its CRDs are installed: the demo's
 * GrafanaDashboard (owned, removed with the demo) and the namespace's two GrafanaFolders Peak_Trade
 * → execution (shared by the namespace's demos, owned by none, never deleted).
 *
 * <p>grafana-operator makes {@code spec.instanceSelector} immutable (a CEL rule the API server
 * enforces): when the operator's Grafana selector changes, an object is replaced, not updated.
 */
public final class GrafanaOperatorDependents {

  private static final Logger LOG = LoggerFactory.getLogger(GrafanaOperatorDependents.class);

  private GrafanaOperatorDependents() {}

  /** An update the API server would refuse: the instance selector differs. */
  static boolean selectorChanged(
      GrafanaOperator.CommonSpec actual, GrafanaOperator.CommonSpec want) {
    return actual == null || !Objects.equals(actual.instanceSelector, want.instanceSelector);
  }

  /**
   * An update, or, when the instance selector changed (an update the API server refuses), the old
   * object deleted and the new one created.
   */
  static <R extends CustomResource<? extends GrafanaOperator.CommonSpec, ?>>
      R replaceIfSelectorChanged(
          R actual,
          R desired,
          Context<ExecutionWatchDemo> context,
          Supplier<R> update,
          Supplier<R> create) {
    if (!selectorChanged(actual.getSpec(), desired.getSpec())) {
      return update.get();
    }
    LOG.info(
        "{}/{}: the Grafana instance selector changed; {} {} is replaced (grafana-operator does not"
            + " let instanceSelector change).",
        actual.getMetadata().getNamespace(),
        actual.getMetadata().getName(),
        actual.getKind(),
        actual.getMetadata().getName());
    context.getClient().resource(actual).delete();
    return create.get();
  }

  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class DashboardDependent extends OwnedDependent<GrafanaDashboard> {
    public DashboardDependent() {
      super(GrafanaDashboard.class, Component.DASHBOARD, DesiredDemo::grafanaDashboard);
    }

    @Override
    public GrafanaDashboard update(
        GrafanaDashboard actual,
        GrafanaDashboard desired,
        ExecutionWatchDemo demo,
        Context<ExecutionWatchDemo> context) {
      return replaceIfSelectorChanged(
          actual,
          desired,
          context,
          () -> super.update(actual, desired, demo, context),
          () -> super.create(desired, demo, context));
    }
  }

  /**
   * The namespace's folders Peak_Trade and execution. Created and repaired by every demo of the
   * namespace, identical for all of them (no owner reference, no per-demo annotation), so demos
   * never take turns rewriting them; not a Deleter, so no demo's deletion removes them.
   */
  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class FoldersDependent
      extends KubernetesDependentResource<GrafanaFolder, ExecutionWatchDemo>
      implements BulkDependentResource<GrafanaFolder, ExecutionWatchDemo, ResourceID>,
          Creator<GrafanaFolder, ExecutionWatchDemo>,
          Updater<GrafanaFolder, ExecutionWatchDemo>,
          SecondaryToPrimaryMapper<GrafanaFolder> {

    private volatile IndexerResourceCache<ExecutionWatchDemo> demos;

    public FoldersDependent() {
      super(GrafanaFolder.class);
    }

    @Override
    protected InformerEventSource<GrafanaFolder, ExecutionWatchDemo> createEventSource(
        EventSourceContext<ExecutionWatchDemo> context) {
      demos = context.getPrimaryCache();
      return super.createEventSource(context);
    }

    /** A folder concerns every demo of its namespace: any of them puts it back. */
    @Override
    public Set<ResourceID> toPrimaryResourceIDs(GrafanaFolder folder) {
      IndexerResourceCache<ExecutionWatchDemo> cache = demos;
      if (cache == null) {
        return Set.of();
      }
      return cache
          .list(folder.getMetadata().getNamespace())
          .map(ResourceID::fromResource)
          .collect(Collectors.toSet());
    }

    @Override
    public Map<ResourceID, GrafanaFolder> desiredResources(
        ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return OwnedDependents.byId(OwnedDependent.desiredDemo(context).grafanaFolders());
    }

    @Override
    public Map<ResourceID, GrafanaFolder> getSecondaryResources(
        ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return OwnedDependents.observedByName(eventSource(), demo, GrafanaFolders.NAMES);
    }

    /**
     * Demos of one namespace are reconciled in parallel and each writes the shared folders: the one
     * that loses the race gets 409 Conflict (created a moment ago, or a newer resourceVersion).
     * Another demo wrote the same object, which is all this one wanted: the object in the cluster
     * is taken as written, and compared (and repaired if it differs) on the next reconcile.
     */
    private static GrafanaFolder writtenByAnyDemo(
        Supplier<GrafanaFolder> write,
        GrafanaFolder desired,
        ExecutionWatchDemo demo,
        Context<ExecutionWatchDemo> context) {
      try {
        return write.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        GrafanaFolder existing = context.getClient().resource(desired).get();
        if (existing == null) {
          throw e;
        }
        LOG.debug(
            "{}/{}: GrafanaFolder {} was just written by another demo of the namespace",
            demo.getMetadata().getNamespace(),
            demo.getMetadata().getName(),
            desired.getMetadata().getName());
        return existing;
      }
    }

    @Override
    public GrafanaFolder create(
        GrafanaFolder desired, ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return writtenByAnyDemo(() -> super.create(desired, demo, context), desired, demo, context);
    }

    /** Not a Deleter, so JOSDK never asks: the folders outlive every demo (see above). */
    @Override
    public void deleteTargetResource(
        ExecutionWatchDemo demo,
        GrafanaFolder folder,
        ResourceID id,
        Context<ExecutionWatchDemo> context) {}

    /** Identical for every demo: no annotation naming one of them. */
    @Override
    protected void addSecondaryToPrimaryMapperAnnotations(
        GrafanaFolder desired, ExecutionWatchDemo primary) {}

    @Override
    public GrafanaFolder update(
        GrafanaFolder actual,
        GrafanaFolder desired,
        ExecutionWatchDemo demo,
        Context<ExecutionWatchDemo> context) {
      return writtenByAnyDemo(
          () ->
              replaceIfSelectorChanged(
                  actual,
                  desired,
                  context,
                  () -> super.update(actual, desired, demo, context),
                  () -> super.create(desired, demo, context)),
          desired,
          demo,
          context);
    }
  }
}
