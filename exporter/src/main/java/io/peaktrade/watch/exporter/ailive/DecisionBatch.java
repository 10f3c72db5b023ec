package io.peaktrade.watch.exporter.ailive;

import io.peaktrade.watch.exporter.events.Decision;
import io.peaktrade.watch.exporter.events.DecisionLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One reader's decisions not yet added to the counters: per label set, how many and the last one's
 * time, in the order the label sets first appeared (the order their values are admitted in). Found
 * through an open-addressed table by their values: a HashMap here, whose key hashCode and equals
 * calls are shared with every map of the process and not inlined, cost a tenth of the ingest
 * (docs/benchmarks.md, "The scanner's shape").
 */
final class DecisionBatch implements Iterable<DecisionBatch.LabelSet> {

  /** One label set (values as read): how many events, and the last one's time. */
  static final class LabelSet {
    final String runId;
    final String component;
    final Decision decision;
    final String reason;
    final int hash;
    long count;
    // the last timestamp, as the line's bytes (copied, not a String per event); -1: none
    byte[] lastTs = new byte[32];
    int lastTsLength = -1;
    long lastSeq;

    LabelSet(String runId, String component, Decision decision, String reason, int hash) {
      this.runId = runId;
      this.component = component;
      this.decision = decision;
      this.reason = reason;
      this.hash = hash;
    }

    /** By value, identity first: the parser hands out the same label instances. */
    boolean is(String run, String comp, Decision d, String why, int h) {
      return hash == h
          && decision == d
          && same(reason, why)
          && same(runId, run)
          && same(component, comp);
    }

    private static boolean same(String a, String b) {
      return a == b || a.equals(b);
    }

    static int hash(String run, String comp, Decision d, String why) {
      int h = ((why.hashCode() * 31 + run.hashCode()) * 31 + comp.hashCode()) * 31 + d.ordinal();
      return h ^ (h >>> 16);
    }
  }

  private final List<LabelSet> inOrder = new ArrayList<>();
  private LabelSet[] table = new LabelSet[64];
  private long seq;

  /** The entry for these values, or null. */
  @Nullable LabelSet find(String run, String comp, Decision d, String why) {
    int h = LabelSet.hash(run, comp, d, why);
    int mask = table.length - 1;
    for (int i = h & mask; table[i] != null; i = (i + 1) & mask) {
      if (table[i].is(run, comp, d, why, h)) {
        return table[i];
      }
    }
    return null;
  }

  /** A new entry (the caller found none). */
  LabelSet add(String run, String comp, Decision d, String why) {
    if (2 * (inOrder.size() + 1) > table.length) {
      LabelSet[] bigger = new LabelSet[2 * table.length];
      for (LabelSet s : inOrder) {
        put(bigger, s);
      }
      table = bigger;
    }
    LabelSet s = new LabelSet(run, comp, d, why, LabelSet.hash(run, comp, d, why));
    put(table, s);
    inOrder.add(s);
    return s;
  }

  /** One more event of {@code s}: counted, and its time kept as the entry's last. */
  void count(LabelSet s, DecisionLine e) {
    s.count++;
    int length = e.tsLength();
    byte[] ts = e.tsBytes();
    if (length > s.lastTs.length) {
      s.lastTs = new byte[length];
    }
    if (ts != null && length > 0) {
      System.arraycopy(ts, e.tsOffset(), s.lastTs, 0, length);
    }
    s.lastTsLength = length;
    s.lastSeq = ++seq;
  }

  int size() {
    return inOrder.size();
  }

  void clear() {
    inOrder.clear();
    Arrays.fill(table, null);
  }

  /** The label sets in the order they first appeared. */
  @Override
  public Iterator<LabelSet> iterator() {
    return inOrder.iterator();
  }

  private static void put(LabelSet[] into, LabelSet s) {
    int mask = into.length - 1;
    int i = s.hash & mask;
    while (into[i] != null) {
      i = (i + 1) & mask;
    }
    into[i] = s;
  }
}
