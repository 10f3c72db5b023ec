package io.peaktrade.watch.operator.api;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes the CRD at build time (operator/pom.xml runs it at process-classes, in place of fabric8's
 * crd-generator-maven-plugin; the jar never runs it): fabric8's CRDGenerator from the annotated
 * model, then what the model cannot say. {@code kubectl explain} shows a schema node's description,
 * and the generator has none for the root, for {@code spec} and {@code status} (fields of fabric8's
 * CustomResource) or for fabric8's Condition; it orders printer columns by JSON path
 * (AbstractCustomResourceHandler.handlePrinterColumns at v7.5.2), which puts Age first, where the
 * convention (kubectl's own columns, every built-in kind) is last.
 */
public final class CrdWriter {

  static final String ROOT =
      "ExecutionWatchDemo: one strictly no-live observability demo of Peak_Trade's execution path."
          + " The operator turns it into the ai_live exporter and the mock shadow_mvs (both"
          + " read-only, fenced by a deny-all-egress NetworkPolicy), their ServiceMonitors and a"
          + " Grafana dashboard, all owned by it. Nothing it creates can reach a broker or"
          + " exchange.";
  static final String SPEC =
      "What the demo shows: its run_id and component, the sample-event emitter, the"
          + " ServiceMonitors, the dashboard and the pods' resources. It names no image, command or"
          + " environment: the operator chooses those.";
  static final String STATUS =
      "What the operator last observed of the demo, written by the operator instance that owns it.";

  /** metav1.Condition's fields (k8s.io/apimachinery/pkg/apis/meta/v1/types.go), as they apply. */
  static final Map<String, String> CONDITION =
      Map.of(
          "type",
          "Ready (the spec is accepted, the no-live NetworkPolicy is in place, exporter and mock"
              + " shadow_mvs are available), NoLiveEnforced (the NetworkPolicy), MonitoringReady"
              + " (the ServiceMonitors) or DashboardProvisioned (the dashboard).",
          "status",
          "True, False or Unknown.",
          "reason",
          "Why, in CamelCase: a programmatic identifier of the condition's last transition.",
          "message",
          "What happened, for a human: what the operator saw and what to do.",
          "lastTransitionTime",
          "When the status last changed (RFC 3339).",
          "observedGeneration",
          "The metadata.generation the condition was set for.");

  static final String CONDITION_ITEM = "One aspect of the demo's state.";
  static final String LABEL_ITEM = "A label of the ServiceMonitors: name and value.";

  private CrdWriter() {}

  /** {@code args[0]}: the output directory (target/classes/META-INF/fabric8). */
  public static void main(String[] args) throws java.io.IOException {
    File out = new File(args[0]);
    java.nio.file.Files.createDirectories(out.toPath());
    new CRDGenerator()
        .customResourceClasses(ExecutionWatchDemo.class)
        .forCRDVersions("v1")
        .withPostProcessor(
            new io.fabric8.crdv2.generator.CRDPostProcessor() {
              @Override
              public HasMetadata process(HasMetadata crd, String specVersion) {
                complete((CustomResourceDefinition) crd);
                return crd;
              }
            })
        .inOutputDir(out)
        .generate();
  }

  /** The descriptions and the column order the generator cannot produce. */
  static void complete(CustomResourceDefinition crd) {
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
      root.setDescription(ROOT);
      root.getProperties().get("spec").setDescription(SPEC);
      JSONSchemaProps status = root.getProperties().get("status");
      status.setDescription(STATUS);
      JSONSchemaProps condition = status.getProperties().get("conditions").getItems().getSchema();
      condition.setDescription(CONDITION_ITEM);
      CONDITION.forEach((field, text) -> condition.getProperties().get(field).setDescription(text));
      root.getProperties()
          .get("spec")
          .getProperties()
          .get("serviceMonitor")
          .getProperties()
          .get("labels")
          .getItems()
          .getSchema()
          .setDescription(LABEL_ITEM);
      List<CustomResourceColumnDefinition> columns =
          new ArrayList<>(version.getAdditionalPrinterColumns());
      columns.sort(Comparator.comparing(c -> c.getName().equals("Age")));
      version.setAdditionalPrinterColumns(columns);
    }
  }
}
