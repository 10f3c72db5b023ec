package io.peaktrade.watch.operator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.peaktrade.watch.contracts.RepositoryFiles;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec;
import io.peaktrade.watch.operator.grafana.GrafanaDashboard;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Grafana dashboard "Peak_Trade — Execution Watch Overview" as a ConfigMap for the Grafana
 * sidecar and as a GrafanaDashboard for grafana-operator: one JSON source
 * (dashboards/execution-watch-overview.json), made unique per demo (uid and title) and pointed at
 * the demo's namespace and run id, minified.
 */
public final class Dashboard {

  public static final String RESOURCE = RepositoryFiles.resource(RepositoryFiles.DASHBOARD);

  /**
   * The folder the sidecar's dashboard shows in: Grafana's file provisioning makes one folder level
   * of the path, its last part ({@code Peak_Trade/execution} shows as {@code execution}).
   */
  public static String sidecarFolder(ExecutionWatchDemo demo) {
    String path = demo.getSpec().dashboard.folder.replaceAll("/+$", "");
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * The data key of one demo's dashboard: the file name the Grafana sidecar writes it under, so it
   * is unique per demo (namespace and name): demos in one folder never overwrite, or on deletion
   * remove, each other's dashboard.
   */
  public static String dataKey(ExecutionWatchDemo demo) {
    return "execution-watch-overview-"
        + demo.getMetadata().getNamespace()
        + "-"
        + demo.getMetadata().getName()
        + ".json";
  }

  public static final String FOLDER_ANNOTATION = "grafana_folder";

  /** Client-side apply stores the object in an annotation limited to this many bytes. */
  public static final int MAX_BYTES = 262_144;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode SOURCE = load();

  private Dashboard() {}

  private static JsonNode load() {
    try (InputStream in = Dashboard.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the operator jar");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The dashboard source as committed. */
  public static JsonNode source() {
    return SOURCE.deepCopy();
  }

  public static String title() {
    return SOURCE.path("title").asText();
  }

  /** A uid unique per demo and stable across reconciles (Grafana allows 40 characters). */
  public static String uid(ExecutionWatchDemo demo) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (demo.getMetadata().getNamespace() + "/" + demo.getMetadata().getName())
                      .getBytes(StandardCharsets.UTF_8));
      return "ew-" + HexFormat.of().formatHex(h, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Built dashboards by what goes into them (namespace, name, run id): every reconcile of a demo
   * asks again, and the 1,200-line source is copied and serialised once per spec, not each time.
   * Bounded like the demos an operator serves.
   */
  private static final Map<List<String>, String> BUILT =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<String>, String> eldest) {
              return size() > 1024;
            }
          });

  /** The dashboard JSON for one demo, minified. */
  public static String json(ExecutionWatchDemo demo) {
    List<String> key =
        List.of(
            demo.getMetadata().getNamespace(), demo.getMetadata().getName(), demo.getSpec().runId);
    return BUILT.computeIfAbsent(key, k -> build(demo));
  }

  private static String build(ExecutionWatchDemo demo) {
    ObjectNode d = (ObjectNode) SOURCE.deepCopy();
    String ns = demo.getMetadata().getNamespace();
    d.put("uid", uid(demo));
    d.put("title", title() + " (" + ns + "/" + demo.getMetadata().getName() + ")");
    for (JsonNode v : d.path("templating").path("list")) {
      String name = v.path("name").asText();
      String value =
          switch (name) {
            case "namespace" -> ns;
            case "run_id" -> demo.getSpec().runId;
            default -> null;
          };
      if (value != null) {
        ObjectNode current = ((ObjectNode) v).putObject("current");
        current.put("selected", true);
        current.put("text", value);
        current.put("value", value);
      }
    }
    try {
      return JSON.writeValueAsString(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The same dashboard for grafana-operator: a GrafanaDashboard in the namespace's folder execution
   * (under Peak_Trade), for the Grafana instances the operator's selector picks.
   */
  public static GrafanaDashboard grafanaDashboard(ExecutionWatchDemo demo, WorkloadConfig config) {
    GrafanaDashboard d = new GrafanaDashboard();
    d.setMetadata(DemoObjects.metadata(demo, Component.DASHBOARD));
    GrafanaDashboard.Spec spec = new GrafanaDashboard.Spec();
    spec.json = json(demo);
    spec.folderRef = GrafanaFolders.FOLDER_NAME;
    spec.targetInstances(config.grafanaInstanceLabels());
    d.setSpec(spec);
    return d;
  }

  public static ConfigMap configMap(ExecutionWatchDemo demo) {
    ExecutionWatchDemoSpec.DashboardSpec spec = demo.getSpec().dashboard;
    return new ConfigMapBuilder()
        .withMetadata(
            DemoObjects.metadata(demo, Component.DASHBOARD, Map.of(spec.labelKey, spec.labelValue)))
        .editMetadata()
        .addToAnnotations(FOLDER_ANNOTATION, spec.folder)
        .endMetadata()
        .addToData(dataKey(demo), json(demo))
        .build();
  }
}
