package io.peaktrade.watch.operator.api;

/**
 * Every rule a demo spec must meet, in one place: the CRD's schema and CEL rules (no-live layer 1,
 * through the annotations on the spec classes) and the operator's own check (layer 2, {@code
 * validation.SpecValidator}) are both written from these constants, and one fixture list proves
 * that they refuse exactly the same specs.
 *
 * <p>Patterns are anchored character classes only (no {@code .}, no alternation of free text), so
 * they mean the same in Go's RE2 (kube-apiserver), ECMA-262 and {@link
 * java.util.regex.Matcher#matches()}: no line terminator can slip past an anchor.
 */
public final class SpecRules {

  /** A Prometheus label value the emitter writes and the exporter labels with. */
  public static final String LABEL_TOKEN = "^[a-z0-9_]{1,40}$";

  /** The CR's name: every derived object name ({@code <name>-shadow-mvs}) must stay a DNS label. */
  public static final int NAME_MAX = 52;

  public static final String NAME = "^[a-z]([-a-z0-9]*[a-z0-9])?$";
  public static final String NAME_RULE =
      "size(self.metadata.name) <= " + NAME_MAX + " && self.metadata.name.matches('" + NAME + "')";
  public static final String NAME_MESSAGE =
      "metadata.name must be at most "
          + NAME_MAX
          + " characters of a-z, 0-9 and '-', starting with a letter (the demo's objects are named"
          + " <name>-shadow-mvs, a DNS label of at most 63 characters)";

  public static final String NO_LIVE_RULE = "self == true";
  public static final String NO_LIVE_MESSAGE =
      "STRICT NO-LIVE: noLive must be true; Execution Watch never trades live";

  public static final double RATE_MIN = 0.1;
  public static final double RATE_MAX = 1000;
  public static final long SEED_MIN = 0;

  /** The largest integer every JSON reader keeps exactly (2^53 - 1). */
  public static final long SEED_MAX = 9007199254740991L;

  /** A Prometheus duration the ServiceMonitor's interval accepts. */
  public static final String INTERVAL = "^[1-9][0-9]{0,3}(ms|s|m)$";

  /** ServiceMonitor labels: how many, and their names and values (Kubernetes label syntax). */
  public static final int MONITOR_LABELS_MAX = 8;

  public static final String LABEL_NAME =
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";
  public static final int LABEL_NAME_MAX = 100;
  public static final String LABEL_VALUE = "^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$";
  public static final int LABEL_VALUE_MAX = 63;

  /** Label prefixes the operator selects its own objects by: a CR may not set them. */
  public static final String RESERVED_PREFIX_APP = "app.kubernetes.io/";

  public static final String RESERVED_PREFIX_PEAKTRADE = "peaktrade.io/";
  public static final String RESERVED_LABEL_RULE =
      "!self.startsWith('"
          + RESERVED_PREFIX_APP
          + "') && !self.startsWith('"
          + RESERVED_PREFIX_PEAKTRADE
          + "')";
  public static final String RESERVED_LABEL_MESSAGE =
      "labels under "
          + RESERVED_PREFIX_APP
          + " and "
          + RESERVED_PREFIX_PEAKTRADE
          + " belong to the operator";

  /** The Grafana folder annotation: letters, digits, space, '_', '-', '.', '/'. */
  public static final String FOLDER = "^[A-Za-z0-9_ ./-]{1,128}$";

  public static final int CPU_REQUEST_MIN = 10;
  public static final int CPU_REQUEST_MAX = 2000;
  public static final int CPU_LIMIT_MIN = 100;
  public static final int CPU_LIMIT_MAX = 4000;
  public static final int MEMORY_REQUEST_MIN = 32;
  public static final int MEMORY_REQUEST_MAX = 1024;
  public static final int MEMORY_LIMIT_MIN = 64;
  public static final int MEMORY_LIMIT_MAX = 1024;
  public static final String CPU_ORDER_RULE =
      "self.cpuLimitMillicores >= self.cpuRequestMillicores";
  public static final String CPU_ORDER_MESSAGE =
      "resources.cpuLimitMillicores must not be below cpuRequestMillicores";
  public static final String MEMORY_ORDER_RULE = "self.memoryLimitMiB >= self.memoryRequestMiB";
  public static final String MEMORY_ORDER_MESSAGE =
      "resources.memoryLimitMiB must not be below memoryRequestMiB";

  private SpecRules() {}
}
