package io.peaktrade.watch.operator.validation;

import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec.LabelSpec;
import io.peaktrade.watch.operator.api.SpecRules;
import io.peaktrade.watch.operator.api.UnreadableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * No-live layer 2: the operator checks every demo against the same rules as the CRD (layer 1, from
 * {@link SpecRules}), so a resource that got past the API server's validation (an older CRD, a
 * write straight to etcd) still gets nothing deployed. A test runs one fixture list through both
 * and requires them to agree on every spec.
 */
public final class SpecValidator {

  private static final Pattern NAME = Pattern.compile(SpecRules.NAME);
  private static final Pattern LABEL_TOKEN = Pattern.compile(SpecRules.LABEL_TOKEN);
  private static final Pattern INTERVAL = Pattern.compile(SpecRules.INTERVAL);
  private static final Pattern LABEL_NAME = Pattern.compile(SpecRules.LABEL_NAME);
  private static final Pattern LABEL_VALUE = Pattern.compile(SpecRules.LABEL_VALUE);
  private static final Pattern FOLDER = Pattern.compile(SpecRules.FOLDER);

  /** One thing wrong with a demo; {@code live} marks an attempt to leave the no-live policy. */
  public record Violation(String field, String message, boolean live) {
    @Override
    public String toString() {
      return field + ": " + message;
    }
  }

  private final List<Violation> found = new ArrayList<>();

  private SpecValidator() {}

  /** Every rule the demo breaks; empty when it may be deployed. */
  public static List<Violation> check(ExecutionWatchDemo demo) {
    SpecValidator v = new SpecValidator();
    String name = demo.getMetadata() == null ? null : demo.getMetadata().getName();
    v.require(
        name != null && name.length() <= SpecRules.NAME_MAX && matches(NAME, name),
        "metadata.name",
        SpecRules.NAME_MESSAGE + ", got '" + name + "'");
    v.spec(demo.getSpec());
    return List.copyOf(v.found);
  }

  private void spec(ExecutionWatchDemoSpec spec) {
    if (spec == null) {
      found.add(new Violation("spec", "missing", false));
      return;
    }
    if (spec instanceof UnreadableSpec unreadable) {
      found.add(
          new Violation(
              unreadable.field(),
              "cannot be read ("
                  + unreadable.problem()
                  + "); the demo was stored before a schema change or while validation was off."
                  + " Fix the field (kubectl edit) or apply the demo again",
              false));
      return;
    }
    if (!Boolean.TRUE.equals(spec.noLive)) {
      found.add(new Violation("spec.noLive", SpecRules.NO_LIVE_MESSAGE, true));
    }
    token("spec.runId", spec.runId);
    token("spec.component", spec.component);
    emitter(spec.emitter);
    require(
        spec.watchApi != null && spec.watchApi.enabled != null,
        "spec.watchApi.enabled",
        "must be true or false");
    monitors(spec.serviceMonitor);
    dashboard(spec.dashboard);
    resources(spec.resources);
  }

  private void emitter(ExecutionWatchDemoSpec.EmitterSpec e) {
    if (e == null) {
      found.add(new Violation("spec.emitter", "missing", false));
      return;
    }
    require(e.mode != null, "spec.emitter.mode", "must be once or follow");
    require(
        e.rate != null && e.rate >= SpecRules.RATE_MIN && e.rate <= SpecRules.RATE_MAX,
        "spec.emitter.rate",
        "must be between " + SpecRules.RATE_MIN + " and " + SpecRules.RATE_MAX + " events/s");
    require(
        e.seed != null && e.seed >= SpecRules.SEED_MIN && e.seed <= SpecRules.SEED_MAX,
        "spec.emitter.seed",
        "must be between " + SpecRules.SEED_MIN + " and " + SpecRules.SEED_MAX);
  }

  private void monitors(ExecutionWatchDemoSpec.ServiceMonitorSpec m) {
    if (m == null) {
      found.add(new Violation("spec.serviceMonitor", "missing", false));
      return;
    }
    require(m.enabled != null, "spec.serviceMonitor.enabled", "must be true or false");
    require(
        m.interval != null && matches(INTERVAL, m.interval),
        "spec.serviceMonitor.interval",
        "must be a duration such as 15s (" + SpecRules.INTERVAL + ")");
    if (m.labels == null) {
      return;
    }
    require(
        m.labels.size() <= SpecRules.MONITOR_LABELS_MAX,
        "spec.serviceMonitor.labels",
        "at most " + SpecRules.MONITOR_LABELS_MAX + " labels");
    for (int i = 0; i < m.labels.size(); i++) {
      LabelSpec l = m.labels.get(i);
      String field = "spec.serviceMonitor.labels[" + i + "]";
      if (l == null) {
        found.add(new Violation(field, "missing", false));
        continue;
      }
      labelName(field + ".name", l.name);
      require(
          l.value != null
              && l.value.length() <= SpecRules.LABEL_VALUE_MAX
              && matches(LABEL_VALUE, l.value),
          field + ".value",
          "must be a label value (" + SpecRules.LABEL_VALUE + ")");
    }
  }

  private void dashboard(ExecutionWatchDemoSpec.DashboardSpec d) {
    if (d == null) {
      found.add(new Violation("spec.dashboard", "missing", false));
      return;
    }
    require(d.enabled != null, "spec.dashboard.enabled", "must be true or false");
    labelName("spec.dashboard.labelKey", d.labelKey);
    require(
        d.labelValue != null
            && d.labelValue.length() <= SpecRules.LABEL_VALUE_MAX
            && matches(LABEL_VALUE, d.labelValue),
        "spec.dashboard.labelValue",
        "must be a label value (" + SpecRules.LABEL_VALUE + ")");
    require(
        d.folder != null && matches(FOLDER, d.folder),
        "spec.dashboard.folder",
        "must match " + SpecRules.FOLDER);
  }

  private void resources(ExecutionWatchDemoSpec.ResourcesSpec r) {
    if (r == null) {
      found.add(new Violation("spec.resources", "missing", false));
      return;
    }
    boolean cpu =
        within(
                "spec.resources.cpuRequestMillicores",
                r.cpuRequestMillicores,
                SpecRules.CPU_REQUEST_MIN,
                SpecRules.CPU_REQUEST_MAX)
            & within(
                "spec.resources.cpuLimitMillicores",
                r.cpuLimitMillicores,
                SpecRules.CPU_LIMIT_MIN,
                SpecRules.CPU_LIMIT_MAX);
    boolean memory =
        within(
                "spec.resources.memoryRequestMiB",
                r.memoryRequestMiB,
                SpecRules.MEMORY_REQUEST_MIN,
                SpecRules.MEMORY_REQUEST_MAX)
            & within(
                "spec.resources.memoryLimitMiB",
                r.memoryLimitMiB,
                SpecRules.MEMORY_LIMIT_MIN,
                SpecRules.MEMORY_LIMIT_MAX);
    if (cpu) {
      require(
          r.cpuLimitMillicores >= r.cpuRequestMillicores,
          "spec.resources",
          SpecRules.CPU_ORDER_MESSAGE);
    }
    if (memory) {
      require(
          r.memoryLimitMiB >= r.memoryRequestMiB, "spec.resources", SpecRules.MEMORY_ORDER_MESSAGE);
    }
  }

  private boolean within(String field, Integer value, int min, int max) {
    boolean ok = value != null && value >= min && value <= max;
    require(ok, field, "must be between " + min + " and " + max);
    return ok;
  }

  private void token(String field, String value) {
    require(
        value != null && matches(LABEL_TOKEN, value),
        field,
        "must be 1-40 characters of a-z, 0-9 and _ (it becomes a Prometheus label), got '"
            + value
            + "'");
  }

  private void labelName(String field, String name) {
    if (name == null || name.length() > SpecRules.LABEL_NAME_MAX || !matches(LABEL_NAME, name)) {
      found.add(new Violation(field, "must be a label name (" + SpecRules.LABEL_NAME + ")", false));
    } else if (name.startsWith(SpecRules.RESERVED_PREFIX_APP)
        || name.startsWith(SpecRules.RESERVED_PREFIX_PEAKTRADE)) {
      found.add(new Violation(field, SpecRules.RESERVED_LABEL_MESSAGE + ", got " + name, false));
    }
  }

  private void require(boolean ok, String field, String message) {
    if (!ok) {
      found.add(new Violation(field, message, false));
    }
  }

  private static boolean matches(Pattern p, String value) {
    return p.matcher(value).matches();
  }
}
