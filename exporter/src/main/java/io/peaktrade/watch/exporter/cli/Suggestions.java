package io.peaktrade.watch.exporter.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** "Did you mean ...?" for a mistyped command or option: the closest name by edit distance. */
final class Suggestions {

  private Suggestions() {}

  /** The candidate at most a third of its length in edits away from {@code typed}, if any. */
  static Optional<String> closest(String typed, List<String> candidates) {
    return candidates.stream()
        .filter(c -> distance(typed, c) <= Math.max(1, c.length() / 3))
        .min(Comparator.comparingInt(c -> distance(typed, c)));
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
