package io.peaktrade.watch.operator.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.peaktrade.watch.contracts.DemoDefaults;
import java.util.ArrayList;
import java.util.List;

/**
 * What the demo should look like: typed, bounded knobs only. No field is free-form text that
 * reaches a container: the image, the command, the JVM flags and the environment are the
 * operator's; from the spec only label tokens, numbers, enums and switches reach a pod. The rules
 * live in {@link SpecRules}.
 *
 * <p>Unknown fields are ignored, not fatal: the API server prunes them, but a resource stored under
 * an older CRD (with fields this version dropped, such as an image) must neither stop the
 * operator's informer nor reach a pod.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ExecutionWatchDemoSpec {

  @JsonPropertyDescription(
      "Acknowledges the STRICT NO-LIVE policy. Must be true: there is no way to turn it off.")
  @Default("true")
  @ValidationRule(value = SpecRules.NO_LIVE_RULE, message = SpecRules.NO_LIVE_MESSAGE)
  public Boolean noLive = true;

  @JsonPropertyDescription(
      "run_id the emitter writes into every event, and the exporter's label for events without"
          + " one.")
  @Default(DemoDefaults.RUN_ID)
  @Pattern(SpecRules.LABEL_TOKEN)
  @Size(max = 40)
  public String runId = DemoDefaults.RUN_ID;

  @JsonPropertyDescription(
      "component the emitter writes into every event, and the exporter's label for events without"
          + " one.")
  @Default(DemoDefaults.COMPONENT)
  @Pattern(SpecRules.LABEL_TOKEN)
  @Size(max = 40)
  public String component = DemoDefaults.COMPONENT;

  @JsonPropertyDescription(
      "The sample-event emitter that writes AI decisions to the shared JSONL file.")
  public EmitterSpec emitter = new EmitterSpec();

  @JsonPropertyDescription("The read-only Execution Watch API next to the ai_live exporter.")
  public WatchApiSpec watchApi = new WatchApiSpec();

  @JsonPropertyDescription(
      "prometheus-operator ServiceMonitors for the jobs ai_live, shadow_mvs and"
          + " execution_watch_api.")
  public ServiceMonitorSpec serviceMonitor = new ServiceMonitorSpec();

  @JsonPropertyDescription(
      "The Grafana dashboard: a ConfigMap for Grafana's dashboard sidecar, and a GrafanaDashboard"
          + " where grafana-operator's CRDs are installed.")
  public DashboardSpec dashboard = new DashboardSpec();

  @JsonPropertyDescription(
      "CPU and memory of every demo container; requests and limits are always set.")
  public ResourcesSpec resources = new ResourcesSpec();

  /** How the emitter writes events. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class EmitterSpec {
    @JsonPropertyDescription(
        "once: the runbook's three sample decisions at start; follow: those, then a steady "
            + "deterministic stream so rates and 'AI Active' show live data.")
    @Default(DemoDefaults.EMITTER_MODE)
    @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
    public EmitterMode mode = EmitterMode.valueOf(DemoDefaults.EMITTER_MODE);

    @JsonPropertyDescription("Events per second in follow mode.")
    @Default(DemoDefaults.EMITTER_RATE_TEXT)
    @Min(SpecRules.RATE_MIN)
    @Max(SpecRules.RATE_MAX)
    public Double rate = (double) DemoDefaults.EMITTER_RATE;

    @JsonPropertyDescription(
        "Seed of the deterministic event sequence (and of the mock shadow_mvs counters).")
    @Default(DemoDefaults.SEED_TEXT)
    @Min(SpecRules.SEED_MIN)
    @Max(SpecRules.SEED_MAX)
    public Long seed = DemoDefaults.SEED;
  }

  /** The two emitter modes; there is no live mode. */
  public enum EmitterMode {
    once,
    follow
  }

  /** Whether the watch API runs. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class WatchApiSpec {
    @JsonPropertyDescription("Run the read-only Execution Watch API (:9111) in the exporter pod.")
    @Default("true")
    public Boolean enabled = true;
  }

  /** ServiceMonitor settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class ServiceMonitorSpec {
    @JsonPropertyDescription(
        "Create ServiceMonitors (only when the servicemonitors.monitoring.coreos.com CRD exists).")
    @Default("true")
    public Boolean enabled = true;

    @JsonPropertyDescription("Scrape interval.")
    @Default("15s")
    @Pattern(SpecRules.INTERVAL)
    @Size(max = 8)
    public String interval = "15s";

    @JsonPropertyDescription(
        "Labels on the ServiceMonitors, as name/value pairs. kube-prometheus-stack selects monitors"
            + " labelled release=<its release name>; the default matches a release named"
            + " kube-prometheus-stack. The operator's own labels cannot be set here.")
    @Size(max = SpecRules.MONITOR_LABELS_MAX)
    public List<LabelSpec> labels =
        new ArrayList<>(List.of(new LabelSpec("release", "kube-prometheus-stack")));
  }

  /** One label: a Kubernetes label name (not one of the operator's) and value. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class LabelSpec {
    @JsonPropertyDescription("Label name.")
    @Required
    @Pattern(SpecRules.LABEL_NAME)
    @Size(max = SpecRules.LABEL_NAME_MAX)
    @ValidationRule(
        value = SpecRules.RESERVED_LABEL_RULE,
        message = SpecRules.RESERVED_LABEL_MESSAGE)
    public String name;

    @JsonPropertyDescription("Label value.")
    @Required
    @Pattern(SpecRules.LABEL_VALUE)
    @Size(max = SpecRules.LABEL_VALUE_MAX)
    public String value;

    public LabelSpec() {}

    public LabelSpec(String name, String value) {
      this.name = name;
      this.value = value;
    }
  }

  /** Dashboard ConfigMap settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class DashboardSpec {
    @JsonPropertyDescription(
        "Deliver the dashboard (the ConfigMap, and the GrafanaDashboard where grafana-operator is"
            + " installed); false removes both.")
    @Default("true")
    public Boolean enabled = true;

    @JsonPropertyDescription("Label the Grafana sidecar looks for (not one of the operator's).")
    @Default("grafana_dashboard")
    @Pattern(SpecRules.LABEL_NAME)
    @Size(max = SpecRules.LABEL_NAME_MAX)
    @ValidationRule(
        value = SpecRules.RESERVED_LABEL_RULE,
        message = SpecRules.RESERVED_LABEL_MESSAGE)
    public String labelKey = "grafana_dashboard";

    @JsonPropertyDescription("Value of that label.")
    @Default("1")
    @Pattern(SpecRules.LABEL_VALUE)
    @Size(max = SpecRules.LABEL_VALUE_MAX)
    public String labelValue = "1";

    @JsonPropertyDescription(
        "Grafana folder path (annotation grafana_folder, read by the sidecar's folderAnnotation)."
            + " Grafana's file provisioning makes one folder level of it, the last:"
            + " Peak_Trade/execution shows as folder execution.")
    @Default("Peak_Trade/execution")
    @Pattern(SpecRules.FOLDER)
    @Size(min = 1, max = 128)
    public String folder = "Peak_Trade/execution";
  }

  /** Bounded CPU and memory for every demo container; limits always set. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  @ValidationRule(value = SpecRules.CPU_ORDER_RULE, message = SpecRules.CPU_ORDER_MESSAGE)
  @ValidationRule(value = SpecRules.MEMORY_ORDER_RULE, message = SpecRules.MEMORY_ORDER_MESSAGE)
  public static class ResourcesSpec {
    @JsonPropertyDescription("CPU request in millicores.")
    @Default("10")
    @Min(SpecRules.CPU_REQUEST_MIN)
    @Max(SpecRules.CPU_REQUEST_MAX)
    public Integer cpuRequestMillicores = 10;

    @JsonPropertyDescription("CPU limit in millicores.")
    @Default("1000")
    @Min(SpecRules.CPU_LIMIT_MIN)
    @Max(SpecRules.CPU_LIMIT_MAX)
    public Integer cpuLimitMillicores = 1000;

    @JsonPropertyDescription("Memory request in MiB.")
    @Default("96")
    @Min(SpecRules.MEMORY_REQUEST_MIN)
    @Max(SpecRules.MEMORY_REQUEST_MAX)
    public Integer memoryRequestMiB = 96;

    @JsonPropertyDescription("Memory limit in MiB.")
    @Default("192")
    @Min(SpecRules.MEMORY_LIMIT_MIN)
    @Max(SpecRules.MEMORY_LIMIT_MAX)
    public Integer memoryLimitMiB = 192;
  }
}
