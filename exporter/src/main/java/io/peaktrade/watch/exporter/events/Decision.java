package io.peaktrade.watch.exporter.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The three outcomes an AI decision event may carry (schema {@code peaktrade.ai_event.v1}). */
public enum Decision {
  ACCEPT,
  REJECT,
  NOOP;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The value as written in the JSONL file and used as the Prometheus label. */
  @JsonValue
  public String label() {
    return label;
  }

  /** Returns the decision for a JSON value, or {@code null} if the value is not one of ours. */
  public static @Nullable Decision fromLabel(String value) {
    return switch (value) {
      case "accept" -> ACCEPT;
      case "reject" -> REJECT;
      case "noop" -> NOOP;
      default -> null;
    };
  }
}
