package io.peaktrade.watch.operator.grafana;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * grafana-operator's GrafanaDashboard (grafana.integreatly.org/v1beta1), the fields this operator
 * sets: the dashboard model inline, in the folder of a GrafanaFolder in the same namespace.
 */
@Group(GrafanaOperator.GROUP)
@Version(GrafanaOperator.VERSION)
@Kind("GrafanaDashboard")
@Plural("grafanadashboards")
public class GrafanaDashboard extends CustomResource<GrafanaDashboard.Spec, Object>
    implements Namespaced {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class Spec extends GrafanaOperator.CommonSpec {
    /** The dashboard model (JSON, as Grafana stores it). */
    public String json;

    /** Name of the GrafanaFolder (same namespace) the dashboard goes into. */
    public String folderRef;
  }
}
