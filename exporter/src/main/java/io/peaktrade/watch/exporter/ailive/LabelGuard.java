package io.peaktrade.watch.exporter.ailive;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the number of distinct values one label may take, and their length. The first {@code max}
 * values pass; any later one, and any value longer than {@code maxLength}, becomes {@value #OTHER},
 * so an unexpected stream of values can neither explode the series count nor fill the heap, while
 * every event is still counted. It keeps at most {@code max} values of at most {@code maxLength}
 * characters. Values come to it in file order (DecisionMetrics publishes its batches so), which is
 * what makes the admitted ones the first of the file.
 */
final class LabelGuard {

  static final String OTHER = "other";
  private final int max;
  private final int maxLength;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();

  LabelGuard(int max, int maxLength) {
    if (max < 1 || maxLength < OTHER.length()) {
      throw new IllegalArgumentException(
          "label caps must allow at least 1 value of "
              + OTHER.length()
              + " characters, got "
              + max
              + " values of "
              + maxLength);
    }
    this.max = max;
    this.maxLength = maxLength;
  }

  /** Returns the value to use as label: the value itself, or {@value #OTHER}. */
  String admit(String value) {
    if (value.length() > maxLength) {
      return OTHER;
    }
    if (admitted.contains(value)) {
      return value;
    }
    synchronized (this) {
      if (value.equals(OTHER) || admitted.size() >= max) {
        return OTHER;
      }
      admitted.add(value);
      return value;
    }
  }
}
