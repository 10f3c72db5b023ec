package io.peaktrade.watch.operator.api;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The spec of a demo stored in a shape this operator's types cannot read: written before a schema
 * change, or while the CRD's validation was off (say {@code serviceMonitor.labels} as a map where
 * the schema now has a list). It keeps the stored JSON as it is, so that writing the demo back (its
 * status) changes nothing of it, and names the field that could not be read. The operator refuses
 * it like an invalid spec ({@code validation.SpecValidator}): status and a Warning Event name the
 * field, nothing but the no-live NetworkPolicy is kept, and every other demo goes on being
 * reconciled.
 */
public final class UnreadableSpec extends ExecutionWatchDemoSpec {

  private final JsonNode stored;
  private final String field;
  private final String problem;

  UnreadableSpec(JsonNode stored, String field, String problem) {
    this.stored = stored;
    this.field = field;
    this.problem = problem;
  }

  /** The spec exactly as stored. */
  @JsonValue
  public JsonNode stored() {
    return stored;
  }

  /** The path of the field that could not be read, e.g. {@code spec.serviceMonitor.labels}. */
  public String field() {
    return field;
  }

  /** Why, in Jackson's words (the type it found and the one it wanted). */
  public String problem() {
    return problem;
  }
}
