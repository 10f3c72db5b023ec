package io.peaktrade.watch.exporter.api;

import io.peaktrade.watch.exporter.events.AiEvent;
import io.peaktrade.watch.exporter.events.Decision;
import io.peaktrade.watch.exporter.events.DecisionLine;
import io.peaktrade.watch.exporter.reader.EventSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the watch API knows about the event file: the most recent events (bounded) and running
 * totals by decision and reject reason (reasons capped). Written by the reader thread, read by
 * request threads.
 */
public final class EventLog implements EventSink {

  /** Decision totals, and reasons with their counts (at most {@code maxReasons} plus "other"). */
  public record Summary(
      long total,
      Map<String, Long> byDecision,
      Map<String, Long> byReason,
      @Nullable String lastTs) {}

  private final int capacity;
  private final int maxReasons;
  private final ArrayDeque<AiEvent> recent;
  private final Map<Decision, Long> byDecision = new EnumMap<>(Decision.class);
  private final Map<String, Long> byReason = new TreeMap<>();
  private long total;
  private @Nullable String lastTs;

  public EventLog(int capacity, int maxReasons) {
    this.capacity = capacity;
    this.maxReasons = maxReasons;
    this.recent = new ArrayDeque<>(capacity);
  }

  /** The longest text kept per field of a recent event: 1,000 events stay a few hundred KB. */
  static final int MAX_FIELD_CHARS = 128;

  @Override
  public void decision(DecisionLine e) {
    add(e.toEvent());
  }

  /** One event, as the reader delivers it. */
  public synchronized void add(AiEvent e) {
    if (recent.size() == capacity) {
      recent.removeFirst();
    }
    recent.addLast(bounded(e));
    total++;
    byDecision.merge(e.decision(), 1L, Long::sum);
    String reason =
        e.reason() != null
                && e.reason().length() <= MAX_FIELD_CHARS
                && (byReason.containsKey(e.reason()) || byReason.size() < maxReasons)
            ? e.reason()
            : "other";
    byReason.merge(reason, 1L, Long::sum);
    lastTs = e.ts();
  }

  /** The event with every text field cut to {@link #MAX_FIELD_CHARS} (marked with "…"). */
  static AiEvent bounded(AiEvent e) {
    return new AiEvent(
        cut(e.ts()),
        cut(e.runId()),
        cut(e.component()),
        e.decision(),
        e.reason().length() <= MAX_FIELD_CHARS
            ? e.reason()
            : e.reason().substring(0, MAX_FIELD_CHARS) + "…",
        cut(e.symbol()),
        cut(e.strategy()),
        e.confidence(),
        e.latencyMs());
  }

  private static @Nullable String cut(@Nullable String s) {
    return s == null || s.length() <= MAX_FIELD_CHARS ? s : s.substring(0, MAX_FIELD_CHARS) + "…";
  }

  /** Newest first, at most {@code limit}, optionally only one decision. */
  public synchronized List<AiEvent> recent(int limit, @Nullable Decision only) {
    List<AiEvent> out = new ArrayList<>(Math.min(limit, recent.size()));
    for (Iterator<AiEvent> it = recent.descendingIterator(); it.hasNext() && out.size() < limit; ) {
      AiEvent e = it.next();
      if (only == null || e.decision() == only) {
        out.add(e);
      }
    }
    return out;
  }

  public synchronized Summary summary() {
    Map<String, Long> decisions = new TreeMap<>();
    for (Decision d : Decision.values()) {
      decisions.put(d.label(), byDecision.getOrDefault(d, 0L));
    }
    return new Summary(total, Collections.unmodifiableMap(decisions), Map.copyOf(byReason), lastTs);
  }
}
