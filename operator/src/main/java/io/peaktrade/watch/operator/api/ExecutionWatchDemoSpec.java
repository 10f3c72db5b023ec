package io.peaktrade.watch.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.peaktrade.watch.operator.policy.NoLivePolicy;
import java.util.ArrayList;
import java.util.List;

/** What the demo should look like. Every field has a safe default; none can enable live trading. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExecutionWatchDemoSpec {

  @JsonPropertyDescription(
      "Acknowledges the STRICT NO-LIVE policy. Must be true: there is no way to turn it off.")
  @Default("true")
  @ValidationRule(
      value = "self == true",
      message = "STRICT NO-LIVE: noLive must be true; Execution Watch never trades live")
  public Boolean noLive = true;

  @JsonPropertyDescription(
      "run_id label for events without one (PEAK_TRADE_AI_RUN_ID), and the run id the emitter"
          + " writes.")
  @Default("demo")
  @Pattern("^[a-z0-9_]{1,40}$")
  public String runId = "demo";

  @JsonPropertyDescription("component label for events without one (PEAK_TRADE_AI_COMPONENT).")
  @Default("execution_watch")
  @Pattern("^[a-z0-9_]{1,40}$")
  public String component = "execution_watch";

  @JsonPropertyDescription(
      "The sample-event emitter that writes AI decisions to the shared JSONL file.")
  public EmitterSpec emitter = new EmitterSpec();

  @JsonPropertyDescription(
      "The exporter image (ai_live exporter, emitter, watch API and mock shadow_mvs in one CLI).")
  public ExporterSpec exporter = new ExporterSpec();

  @JsonPropertyDescription("The read-only Execution Watch API next to the ai_live exporter.")
  public WatchApiSpec watchApi = new WatchApiSpec();

  @JsonPropertyDescription(
      "prometheus-operator ServiceMonitors for the jobs ai_live, shadow_mvs and"
          + " execution_watch_api.")
  public ServiceMonitorSpec serviceMonitor = new ServiceMonitorSpec();

  @JsonPropertyDescription("The Grafana dashboard ConfigMap for the Grafana sidecar.")
  public DashboardSpec dashboard = new DashboardSpec();

  @JsonPropertyDescription(
      "Resources of every demo container (default: requests 10m CPU / 96Mi, limit 192Mi).")
  public ResourceRequirements resources;

  @JsonPropertyDescription(
      "Extra environment variables for the demo containers. Names or values that would point at a "
          + "broker, an exchange, credentials or a live mode are refused.")
  @Size(max = 20)
  @ValidationRule(
      value =
          "self.all(e, !e.name.upperAscii().matches('.*("
              + NoLivePolicy.FORBIDDEN_ENV_NAMES
              + ").*'))",
      message =
          "STRICT NO-LIVE: extraEnv must not carry broker, exchange, credential, order or live"
              + " settings")
  @ValidationRule(
      value =
          "self.all(e, !has(e.value) || !e.value.lowerAscii().matches('.*("
              + NoLivePolicy.FORBIDDEN_ENV_VALUES
              + ").*'))",
      message = "STRICT NO-LIVE: extraEnv values must not name a live mode or a remote endpoint")
  public List<EnvVarSpec> extraEnv = new ArrayList<>();

  /** A plain name/value environment variable (no secret or field references). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class EnvVarSpec {
    @Required
    @Pattern("^[A-Za-z_][A-Za-z0-9_]{0,63}$")
    @Size(max = 64)
    @JsonPropertyDescription("Variable name.")
    public String name;

    @JsonPropertyDescription("Variable value.")
    @Size(max = 256)
    public String value;

    public EnvVarSpec() {}

    public EnvVarSpec(String name, String value) {
      this.name = name;
      this.value = value;
    }
  }

  /** How the emitter writes events. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class EmitterSpec {
    @JsonPropertyDescription(
        "once: the runbook's three sample decisions at start; follow: those, then a steady "
            + "deterministic stream so rates and 'AI Active' show live data.")
    @Default("follow")
    public EmitterMode mode = EmitterMode.follow;

    @JsonPropertyDescription("Events per second in follow mode.")
    @Default("2")
    @io.fabric8.generator.annotation.Min(0.1)
    @io.fabric8.generator.annotation.Max(1000)
    public Double rate = 2.0;

    @JsonPropertyDescription(
        "Seed of the deterministic event sequence (and of the mock shadow_mvs counters).")
    @Default("42")
    public Long seed = 42L;
  }

  /** The two emitter modes; there is no live mode. */
  public enum EmitterMode {
    once,
    follow
  }

  /** The exporter image. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ExporterSpec {
    @JsonPropertyDescription("Image with the execution-watch exporter CLI.")
    @Default("execution-watch-exporter:0.1.0")
    @Pattern("^[a-z0-9][a-z0-9._/:@-]{0,254}$")
    public String image = "execution-watch-exporter:0.1.0";

    @JsonPropertyDescription(
        "Image pull policy (IfNotPresent suits images loaded with 'kind load').")
    @Default("IfNotPresent")
    public PullPolicy imagePullPolicy = PullPolicy.IfNotPresent;
  }

  /** Kubernetes image pull policies. */
  public enum PullPolicy {
    Always,
    IfNotPresent,
    Never
  }

  /** Whether the watch API runs. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class WatchApiSpec {
    @JsonPropertyDescription("Run the read-only Execution Watch API (:9111) in the exporter pod.")
    @Default("true")
    public Boolean enabled = true;
  }

  /** ServiceMonitor settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ServiceMonitorSpec {
    @JsonPropertyDescription(
        "Create ServiceMonitors (only when the servicemonitors.monitoring.coreos.com CRD exists).")
    @Default("true")
    public Boolean enabled = true;

    @JsonPropertyDescription("Scrape interval.")
    @Default("15s")
    @Pattern("^[0-9]+(ms|s|m)$")
    public String interval = "15s";

    @JsonPropertyDescription(
        "Labels on the ServiceMonitors. kube-prometheus-stack selects monitors labelled"
            + " release=<its release name>; the default matches a release named"
            + " kube-prometheus-stack.")
    public java.util.Map<String, String> labels =
        new java.util.LinkedHashMap<>(java.util.Map.of("release", "kube-prometheus-stack"));
  }

  /** Dashboard ConfigMap settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DashboardSpec {
    @JsonPropertyDescription("Create the dashboard ConfigMap.")
    @Default("true")
    public Boolean enabled = true;

    @JsonPropertyDescription("Label the Grafana sidecar looks for.")
    @Default("grafana_dashboard")
    @Pattern("^([a-z0-9.-]+/)?[A-Za-z0-9_.-]{1,63}$")
    public String labelKey = "grafana_dashboard";

    @JsonPropertyDescription("Value of that label.")
    @Default("1")
    @Pattern("^[A-Za-z0-9_.-]{0,63}$")
    public String labelValue = "1";

    @JsonPropertyDescription(
        "Grafana folder (annotation grafana_folder, read by the sidecar's folderAnnotation).")
    @Default("Peak_Trade/execution")
    @Size(min = 1, max = 128)
    public String folder = "Peak_Trade/execution";
  }
}
