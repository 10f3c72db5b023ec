package io.peaktrade.watch.operator.grafana;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;

/**
 * What this operator knows of grafana-operator (v5, API grafana.integreatly.org/v1beta1): the
 * fields every one of its resources shares. Its resources are written only when its CRDs are
 * installed, found like prometheus-operator's.
 */
public final class GrafanaOperator {

  public static final String GROUP = "grafana.integreatly.org";
  public static final String VERSION = "v1beta1";

  private GrafanaOperator() {}

  /** grafana-operator's common spec: which Grafana instances, and from which namespaces. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class CommonSpec {
    /** Immutable once created (grafana-operator's CEL rule): a change means a new object. */
    public LabelSelector instanceSelector;

    /** Grafana usually runs in another namespace than the demo. */
    public Boolean allowCrossNamespaceImport;

    /** For the Grafana instances with these labels, in any namespace. */
    public void targetInstances(Map<String, String> labels) {
      instanceSelector = new LabelSelectorBuilder().withMatchLabels(labels).build();
      allowCrossNamespaceImport = true;
    }
  }
}
