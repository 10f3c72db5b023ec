package io.peaktrade.watch.exporter.ailive;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the number of distinct values one label may take. The first {@code max} values pass; any
 * later one, and any value too long to be a token, becomes {@value #OTHER}, so an unexpected stream
 * of reasons cannot explode the series count while every event is still counted. Thread-safe:
 * readers of a parallel catch-up share one guard.
 */
final class LabelGuard {

  static final String OTHER = "other";
  private static final int MAX_VALUE_LENGTH = 64;

  private final int max;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();

  LabelGuard(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("the label cap must be at least 1, got " + max);
    }
    this.max = max;
  }

  /** Returns the value to use as label: the value itself, or {@value #OTHER}. */
  String admit(String value) {
    if (admitted.contains(value)) {
      return value;
    }
    synchronized (this) {
      if (value.length() > MAX_VALUE_LENGTH || value.equals(OTHER) || admitted.size() >= max) {
        return OTHER;
      }
      admitted.add(value);
      return value;
    }
  }
}
