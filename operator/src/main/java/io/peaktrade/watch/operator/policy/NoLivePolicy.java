package io.peaktrade.watch.operator.policy;

import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * No-live layer 2: the operator's own check of a spec, in addition to the CRD's CEL rules (layer
 * 1), so a cluster that skipped schema validation (an old CRD, a direct etcd write) still gets
 * nothing that could reach a broker. The patterns are the ones the CEL rules use.
 */
public final class NoLivePolicy {

  /** Environment variable names that would configure trading connectivity or credentials. */
  public static final String FORBIDDEN_ENV_NAMES =
      "BROKER|EXCHANGE|API_KEY|API_SECRET|SECRET|TOKEN|PASSWORD|LIVE|ORDER";

  /** Environment values that name a live mode or a remote endpoint. */
  public static final String FORBIDDEN_ENV_VALUES = "live|wss?://|https?://";

  private static final Pattern ENV_NAME = Pattern.compile(".*(" + FORBIDDEN_ENV_NAMES + ").*");
  private static final Pattern ENV_VALUE = Pattern.compile(".*(" + FORBIDDEN_ENV_VALUES + ").*");
  private static final Pattern LABEL_TOKEN = Pattern.compile("^[a-z0-9_]{1,40}$");
  private static final Pattern DURATION = Pattern.compile("^[0-9]+(ms|s|m)$");

  /** One thing wrong with a spec; {@code live} marks an attempt to leave the no-live policy. */
  public record Violation(String field, String message, boolean live) {
    @Override
    public String toString() {
      return field + ": " + message;
    }
  }

  private NoLivePolicy() {}

  public static List<Violation> check(ExecutionWatchDemoSpec spec) {
    List<Violation> v = new ArrayList<>();
    if (spec == null) {
      v.add(new Violation("spec", "missing", false));
      return v;
    }
    if (!Boolean.TRUE.equals(spec.noLive)) {
      v.add(new Violation("spec.noLive", "must be true: Execution Watch never trades live", true));
    }
    for (int i = 0; spec.extraEnv != null && i < spec.extraEnv.size(); i++) {
      ExecutionWatchDemoSpec.EnvVarSpec e = spec.extraEnv.get(i);
      String field = "spec.extraEnv[" + i + "]";
      if (e == null || e.name == null) {
        v.add(new Violation(field + ".name", "missing", false));
        continue;
      }
      if (ENV_NAME.matcher(e.name.toUpperCase(Locale.ROOT)).matches()) {
        v.add(
            new Violation(
                field + ".name",
                e.name
                    + " looks like broker, exchange, credential, order or live "
                    + "configuration, which a no-live demo must not carry",
                true));
      }
      if (e.value != null && ENV_VALUE.matcher(e.value.toLowerCase(Locale.ROOT)).matches()) {
        v.add(
            new Violation(
                field + ".value",
                "the value of " + e.name + " names a live mode or a remote endpoint",
                true));
      }
    }
    checkToken(v, "spec.runId", spec.runId);
    checkToken(v, "spec.component", spec.component);
    if (spec.emitter == null || spec.emitter.mode == null) {
      v.add(new Violation("spec.emitter.mode", "must be once or follow", false));
    } else if (spec.emitter.rate == null || spec.emitter.rate < 0.1 || spec.emitter.rate > 1000) {
      v.add(
          new Violation(
              "spec.emitter.rate", "must be between 0.1 and 1000 events per second", false));
    }
    if (spec.exporter == null || spec.exporter.image == null || spec.exporter.image.isBlank()) {
      v.add(new Violation("spec.exporter.image", "missing", false));
    }
    if (spec.serviceMonitor != null
        && (spec.serviceMonitor.interval == null
            || !DURATION.matcher(spec.serviceMonitor.interval).matches())) {
      v.add(new Violation("spec.serviceMonitor.interval", "must be a duration such as 15s", false));
    }
    return v;
  }

  private static void checkToken(List<Violation> v, String field, String value) {
    if (value == null || !LABEL_TOKEN.matcher(value).matches()) {
      v.add(
          new Violation(
              field,
              "must be 1-40 characters of a-z, 0-9 and _ (it becomes a Prometheus label), got '"
                  + value
                  + "'",
              false));
    }
  }
}
