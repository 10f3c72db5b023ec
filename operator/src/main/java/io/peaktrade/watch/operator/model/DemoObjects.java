package io.peaktrade.watch.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names and labels of everything one demo owns. */
public final class DemoObjects {

  public static final String APP = "execution-watch";
  public static final String MANAGED_BY = "execution-watch-operator";
  public static final String NO_LIVE_LABEL = "peaktrade.io/no-live";

  /** Informers of owned objects watch only this: the operator never caches the whole cluster. */
  public static final String OWNED_SELECTOR = "app.kubernetes.io/managed-by=" + MANAGED_BY;

  /** The components a demo consists of; each names its objects {@code <demo>-<suffix>}. */
  public enum Component {
    EXPORTER("exporter"),
    SHADOW_MVS("shadow-mvs"),
    AI_LIVE_MONITOR("ai-live"),
    WATCH_API_MONITOR("watch-api"),
    DASHBOARD("dashboard"),
    ALERTS("alerts"),
    NETWORK_POLICY("no-live");

    private final String suffix;

    Component(String suffix) {
      this.suffix = suffix;
    }

    public String suffix() {
      return suffix;
    }
  }

  private DemoObjects() {}

  public static String name(ExecutionWatchDemo demo, Component c) {
    return demo.getMetadata().getName() + "-" + c.suffix();
  }

  /** Labels on every owned object: app.kubernetes.io/*, and the no-live marker. */
  public static Map<String, String> labels(ExecutionWatchDemo demo, Component c) {
    Map<String, String> l = new LinkedHashMap<>(selector(demo, c));
    l.put("app.kubernetes.io/managed-by", MANAGED_BY);
    l.put("app.kubernetes.io/part-of", "peak-trade");
    l.put(NO_LIVE_LABEL, "true");
    return l;
  }

  /** The stable subset used by Deployment selectors and Services. */
  public static Map<String, String> selector(ExecutionWatchDemo demo, Component c) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("app.kubernetes.io/name", APP);
    l.put("app.kubernetes.io/instance", demo.getMetadata().getName());
    l.put("app.kubernetes.io/component", c.suffix());
    return l;
  }

  /** Selects every pod of one demo, whatever its component. */
  public static Map<String, String> instanceSelector(ExecutionWatchDemo demo) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("app.kubernetes.io/name", APP);
    l.put("app.kubernetes.io/instance", demo.getMetadata().getName());
    return l;
  }

  public static ObjectMeta metadata(ExecutionWatchDemo demo, Component c) {
    return metadata(demo, c, Map.of());
  }

  /**
   * Metadata with labels a consumer selects by (Prometheus' release label, Grafana's sidecar
   * label). The operator's own labels are put last, so no user label can replace them: the
   * informers find owned objects by them, and the NetworkPolicy selects the pods by them.
   */
  public static ObjectMeta metadata(
      ExecutionWatchDemo demo, Component c, Map<String, String> extraLabels) {
    Map<String, String> l = new LinkedHashMap<>(extraLabels);
    l.putAll(labels(demo, c));
    return new ObjectMetaBuilder()
        .withName(name(demo, c))
        .withNamespace(demo.getMetadata().getNamespace())
        .withLabels(l)
        .withOwnerReferences(controllerReference(demo))
        .build();
  }

  /** The spec's ServiceMonitor labels as a map (the CR lists them as name/value pairs). */
  public static Map<String, String> monitorLabels(ExecutionWatchDemo demo) {
    Map<String, String> l = new LinkedHashMap<>();
    demo.getSpec().serviceMonitor.labels.forEach(label -> l.put(label.name, label.value));
    return l;
  }

  /**
   * The demo as controller of the object: kubectl shows "Controlled By", and the garbage collector
   * removes the object with the demo (foreground deletion waits for it).
   */
  public static OwnerReference controllerReference(ExecutionWatchDemo demo) {
    return new OwnerReferenceBuilder()
        .withApiVersion(ExecutionWatchDemo.GROUP + "/" + ExecutionWatchDemo.VERSION)
        .withKind(demo.getKind())
        .withName(demo.getMetadata().getName())
        .withUid(demo.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
