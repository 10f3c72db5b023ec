package io.peaktrade.watch.operator.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One strictly no-live Execution Watch demo: the operator turns it into the exporter and mock
 * shadow_mvs workloads, their Services and ServiceMonitors, the Grafana dashboard ConfigMap and a
 * deny-all-egress NetworkPolicy, all owned by this resource.
 */
@Group(ExecutionWatchDemo.GROUP)
@Version(ExecutionWatchDemo.VERSION)
@Kind("ExecutionWatchDemo")
@Plural(ExecutionWatchDemo.PLURAL)
@ShortNames("ewd")
@Categories("peaktrade")
@ValidationRule(value = SpecRules.NAME_RULE, message = SpecRules.NAME_MESSAGE)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "NoLive",
    jsonPath = ".status.conditions[?(@.type==\"NoLiveEnforced\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Run ID",
    jsonPath = ".spec.runId",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Owner",
    jsonPath = ".status.owner",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ExecutionWatchDemo
    extends CustomResource<ExecutionWatchDemoSpec, ExecutionWatchDemoStatus> implements Namespaced {

  public static final String GROUP = "peaktrade.io";
  public static final String VERSION = "v1alpha1";
  public static final String PLURAL = "executionwatchdemos";
  public static final String CRD_NAME = PLURAL + "." + GROUP;

  @Override
  protected ExecutionWatchDemoSpec initSpec() {
    return new ExecutionWatchDemoSpec();
  }

  /** Read tolerantly: an unreadable spec becomes an {@link UnreadableSpec}, never an error. */
  @Override
  @JsonDeserialize(using = TolerantDeserializers.Spec.class)
  public void setSpec(ExecutionWatchDemoSpec spec) {
    super.setSpec(spec);
  }

  /** Read tolerantly: an unreadable status is none (the operator writes it anew). */
  @Override
  @JsonDeserialize(using = TolerantDeserializers.Status.class)
  public void setStatus(ExecutionWatchDemoStatus status) {
    super.setStatus(status);
  }
}
