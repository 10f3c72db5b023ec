package io.peaktrade.watch.contracts;

/**
 * The environment variables the exporter CLI reads (its flags' fallbacks, as in the runbook) and
 * the operator sets in the demo's pods: the constant's name is the variable's.
 */
public enum EnvironmentVariable {
  PEAK_TRADE_AI_EVENTS_JSONL(
      "the JSONL event file: the emitter appends to it, ai_live and the watch API follow it"),
  PEAK_TRADE_AI_RUN_ID("the run_id label of events that carry none"),
  PEAK_TRADE_AI_COMPONENT("the component label of events that carry none");

  private final String meaning;

  EnvironmentVariable(String meaning) {
    this.meaning = meaning;
  }

  public String meaning() {
    return meaning;
  }
}
