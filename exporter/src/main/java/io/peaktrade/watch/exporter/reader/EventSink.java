package io.peaktrade.watch.exporter.reader;

import io.peaktrade.watch.exporter.events.DecisionLine;
import org.jspecify.annotations.Nullable;

/**
 * Where the reader delivers valid decision events: the one seam between reading and what is made of
 * the events (the ai_live counters, the watch API's log). {@link #flush()} is called after every
 * chunk the reader delivered.
 */
public interface EventSink {

  /** One valid event; the view is only valid during the call. */
  void decision(DecisionLine event);

  default void flush() {}

  /**
   * A sink for events read concurrently from a later part of the file (a parallel catch-up), or
   * null if this sink needs every event in order.
   */
  default @Nullable EventSink fork() {
    return null;
  }

  /** Takes over what a forked sink collected; called in file order. */
  default void join(EventSink part) {}
}
