package io.peaktrade.watch.operator.dependent;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard for grafana-operator, active only while its CRDs are installed: the demo's
 * GrafanaDashboard (owned, removed with the demo) and the namespace's two GrafanaFolders Peak_Trade
 * → execution (shared by the namespace's demos, owned by none, never deleted).
 *
 * <p>grafana-operator makes {@code spec.instanceSelector} immutable (a CEL rule the API server
 * enforces). The demo's own GrafanaDashboard is replaced when the operator's Grafana selector
 * changes. A shared folder never is: deleting a GrafanaFolder makes grafana-operator delete that
 * Grafana folder with every dashboard in it, including dashboards people made there by hand. So a
 * folder is only created when missing and updated only by the operator instance that created it
 * ({@link #CREATED_BY}), never deleted; a folder that differs in what cannot be updated, or that
 * Execution Watch did not create, is left as found and reported (DashboardProvisioned False with
 * the command an admin would run, a Warning Event, the log).
 */
public final class GrafanaOperatorDependents {

  private static final Logger LOG = LoggerFactory.getLogger(GrafanaOperatorDependents.class);

  /** On a shared folder: the operator instance that created it, the only one that updates it. */
  public static final String CREATED_BY = "execution-watch.peaktrade.io/created-by";

  /** The workflow context's key for this operator instance's name. */
  public static final String INSTANCE = "operator-instance";

  private GrafanaOperatorDependents() {}

  private static String instance(Context<ExecutionWatchDemo> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(INSTANCE, String.class);
  }

  /**
   * Why the namespace's folders are not as this operator would have them, from what is observed
   * after the workflow ran (the folders dependent active: grafana-operator's CRDs installed).
   */
  public static List<String> folderProblems(
      ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
    List<GrafanaFolder> desired = OwnedDependent.desiredDemo(context).grafanaFolders();
    if (desired.isEmpty()) {
      return List.of();
    }
    Map<String, GrafanaFolder> ours;
    try {
      ours =
          context
              .getSecondaryResourcesAsStream(GrafanaFolder.class)
              .filter(f -> f.getMetadata().getNamespace().equals(demo.getMetadata().getNamespace()))
              .collect(Collectors.toMap(f -> f.getMetadata().getName(), f -> f, (a, b) -> a));
    } catch (RuntimeException noEventSource) {
      return List.of(); // grafana-operator's CRDs are not installed: nothing of it is wanted
    }
    String ns = demo.getMetadata().getNamespace();
    List<String> problems = new ArrayList<>();
    for (GrafanaFolder want : desired) {
      String name = want.getMetadata().getName();
      GrafanaFolder actual = ours.get(name);
      if (actual == null) {
        GrafanaFolder foreign =
            context.getClient().resources(GrafanaFolder.class).inNamespace(ns).withName(name).get();
        problems.add(
            foreign == null
                ? "GrafanaFolder " + name + " is not in the cluster yet."
                : "GrafanaFolder "
                    + name
                    + " exists but was not created by Execution Watch (no label"
                    + " app.kubernetes.io/managed-by="
                    + DemoObjects.MANAGED_BY
                    + "): it is left as it is, and the dashboard's folder is not provisioned. If it"
                    + " is not wanted: kubectl delete grafanafolder "
                    + name
                    + " -n "
                    + ns
                    + " (grafana-operator deletes that Grafana folder with every dashboard in"
                    + " it; the operator then creates its own).");
      } else if (selectorChanged(actual.getSpec(), want.getSpec())) {
        String creator =
            Optional.ofNullable(actual.getMetadata().getAnnotations())
                .map(a -> a.get(CREATED_BY))
                .map(c -> "operator instance " + c)
                .orElse("an earlier version of the operator");
        problems.add(
            "GrafanaFolder "
                + name
                + " targets the Grafana instances "
                + matchLabels(actual)
                + " (created by "
                + creator
                + "), while this operator instance is set to "
                + matchLabels(want)
                + ". grafana-operator lets that change only by re-creating the folder, which"
                + " deletes the Grafana folder with every dashboard in it, including dashboards"
                + " made there by hand; so it is left as it is. To move both folders: kubectl"
                + " delete grafanafolder "
                + GrafanaFolders.FOLDER_NAME
                + " "
                + GrafanaFolders.PARENT_NAME
                + " -n "
                + ns
                + " (the operator creates them again for "
                + matchLabels(want)
                + ").");
      }
    }
    return problems;
  }

  private static String matchLabels(GrafanaFolder f) {
    return f.getSpec() == null || f.getSpec().instanceSelector == null
        ? "{}"
        : String.valueOf(f.getSpec().instanceSelector.getMatchLabels());
  }

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

    private volatile @Nullable IndexerResourceCache<ExecutionWatchDemo> demos;

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

    /** The namespace's folders, marked as created by this instance. */
    @Override
    public Map<ResourceID, GrafanaFolder> desiredResources(
        ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      String instance = instance(context);
      List<GrafanaFolder> folders = new ArrayList<>();
      for (GrafanaFolder f : OwnedDependent.desiredDemo(context).grafanaFolders()) {
        GrafanaFolder marked = new GrafanaFolder();
        marked.setMetadata(
            new ObjectMetaBuilder(f.getMetadata()).addToAnnotations(CREATED_BY, instance).build());
        marked.setSpec(f.getSpec());
        folders.add(marked);
      }
      return OwnedDependents.byId(folders);
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

    /**
     * Only when no folder of that name exists: one that Execution Watch did not create (so the
     * operator's informer, which sees only its own, does not hold it) is left alone and reported.
     */
    @Override
    public GrafanaFolder create(
        GrafanaFolder desired, ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      GrafanaFolder existing = context.getClient().resource(desired).get();
      if (existing != null) {
        return existing;
      }
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

    /**
     * Only the instance that created the folder updates it, and only what grafana-operator lets
     * change: never a delete to replace it (see the class comment). What is left is reported by
     * {@link #folderProblems}.
     */
    @Override
    public GrafanaFolder update(
        GrafanaFolder actual,
        GrafanaFolder desired,
        ExecutionWatchDemo demo,
        Context<ExecutionWatchDemo> context) {
      String creator =
          actual.getMetadata().getAnnotations() == null
              ? null
              : actual.getMetadata().getAnnotations().get(CREATED_BY);
      if ((creator != null && !creator.equals(instance(context)))
          || selectorChanged(actual.getSpec(), desired.getSpec())) {
        return actual;
      }
      return writtenByAnyDemo(
          () -> super.update(actual, desired, demo, context), desired, demo, context);
    }
  }
}
