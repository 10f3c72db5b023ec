package io.peaktrade.watch.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.peaktrade.watch.operator.grafana.GrafanaFolder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The runbook's folder Peak_Trade → execution for grafana-operator: two GrafanaFolders per demo
 * namespace, the second under the first. Grafana's folder titles are unique under one parent and
 * grafana-operator takes over a folder of the same title, so the folders are not per demo but
 * shared by every demo of the namespace, with fixed Grafana uids across namespaces: every copy
 * describes the same two folders. They belong to no demo (deleting a GrafanaFolder makes
 * grafana-operator delete the folder in Grafana, with every demo's dashboard in it): the operator
 * creates and repairs them and never deletes them.
 */
public final class GrafanaFolders {

  public static final String PARENT_NAME = "peak-trade";
  public static final String PARENT_TITLE = "Peak_Trade";
  public static final String FOLDER_NAME = "peak-trade-execution";
  public static final String FOLDER_TITLE = "execution";

  /** The names of both folders in every demo namespace. */
  public static final Set<String> NAMES = Set.of(PARENT_NAME, FOLDER_NAME);

  private GrafanaFolders() {}

  /** Peak_Trade, at the top of Grafana's folders. */
  public static GrafanaFolder parent(String namespace, WorkloadConfig config) {
    return folder(namespace, PARENT_NAME, PARENT_TITLE, null, config);
  }

  /** execution, inside Peak_Trade: where the demos' dashboards go. */
  public static GrafanaFolder execution(String namespace, WorkloadConfig config) {
    return folder(namespace, FOLDER_NAME, FOLDER_TITLE, PARENT_NAME, config);
  }

  public static List<GrafanaFolder> both(String namespace, WorkloadConfig config) {
    return List.of(parent(namespace, config), execution(namespace, config));
  }

  /** Labels of a namespace's shared folders: the operator's, and no demo's. */
  static Map<String, String> labels() {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("app.kubernetes.io/name", DemoObjects.APP);
    l.put("app.kubernetes.io/component", "grafana-folder");
    l.put("app.kubernetes.io/managed-by", DemoObjects.MANAGED_BY);
    l.put("app.kubernetes.io/part-of", "peak-trade");
    return l;
  }

  private static GrafanaFolder folder(
      String namespace, String name, String title, @Nullable String parent, WorkloadConfig config) {
    GrafanaFolder f = new GrafanaFolder();
    f.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels())
            .build());
    GrafanaFolder.Spec spec = new GrafanaFolder.Spec();
    spec.uid = name;
    spec.title = title;
    spec.parentFolderRef = parent;
    spec.targetInstances(config.grafanaInstanceLabels());
    f.setSpec(spec);
    return f;
  }
}
