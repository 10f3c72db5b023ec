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
 * grafana-operator's GrafanaFolder (grafana.integreatly.org/v1beta1), the fields this operator
 * sets: a folder in the Grafana instances the selector picks, under another GrafanaFolder.
 * grafana-operator owns the CRD; its status is not read here, so it is kept as it comes.
 */
@Group(GrafanaOperator.GROUP)
@Version(GrafanaOperator.VERSION)
@Kind("GrafanaFolder")
@Plural("grafanafolders")
public class GrafanaFolder extends CustomResource<GrafanaFolder.Spec, Object>
    implements Namespaced {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class Spec extends GrafanaOperator.CommonSpec {
    /** The folder's uid in Grafana (immutable; at most 40 of [a-zA-Z0-9-_]). */
    public String uid;

    public String title;

    /** Name of the parent GrafanaFolder in the same namespace. */
    public String parentFolderRef;
  }
}
