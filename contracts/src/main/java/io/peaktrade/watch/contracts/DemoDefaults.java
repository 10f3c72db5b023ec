package io.peaktrade.watch.contracts;

/**
 * What a demo is when nothing says otherwise, the same wherever a demo starts: the exporter CLI's
 * defaults, the local stack's, the CRD's (ExecutionWatchDemoSpec) and the chart's values. String
 * constants too, for annotation defaults (a CRD's {@code @Default}, a flag's default text).
 */
public final class DemoDefaults {

  /** The run_id of the sample events, and the label of events without one. */
  public static final String RUN_ID = "demo";

  /** The component of the sample events, and the label of events without one. */
  public static final String COMPONENT = "execution_watch";

  /** The emitter keeps appending (rather than writing the runbook's three decisions once). */
  public static final String EMITTER_MODE = "follow";

  /** Events per second the emitter appends while following. */
  public static final int EMITTER_RATE = 2;

  public static final String EMITTER_RATE_TEXT = "" + EMITTER_RATE;

  /** The seed of the emitter's and the mock shadow_mvs's deterministic sequences. */
  public static final long SEED = 42;

  public static final String SEED_TEXT = "" + SEED;

  private DemoDefaults() {}
}
