package io.peaktrade.watch.exporter.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses Prometheus text exposition into samples, for assertions on exact series and values. */
public final class MetricsText {

  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples = new ArrayList<>();

  public MetricsText(String text) {
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String name;
      Map<String, String> labels = new LinkedHashMap<>();
      if (brace >= 0 && brace < space) {
        name = line.substring(0, brace);
        String body = line.substring(brace + 1, line.lastIndexOf('}'));
        int i = 0;
        while (i < body.length()) {
          int eq = body.indexOf('=', i);
          int q2 = body.indexOf('"', eq + 2);
          while (body.charAt(q2 - 1) == '\\') {
            q2 = body.indexOf('"', q2 + 1);
          }
          labels.put(body.substring(i, eq), body.substring(eq + 2, q2));
          i = q2 + 2;
        }
      } else {
        name = line.substring(0, line.indexOf(' '));
      }
      samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
    }
  }

  /** Every sample, in the order served. */
  public List<Sample> all() {
    return List.copyOf(samples);
  }

  /** Samples of one series name whose labels include all of {@code match}. */
  public List<Sample> series(String name, Map<String, String> match) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> s.labels().entrySet().containsAll(match.entrySet()))
        .toList();
  }

  public List<Sample> series(String name) {
    return series(name, Map.of());
  }

  public double sum(String name, Map<String, String> match) {
    return series(name, match).stream().mapToDouble(Sample::value).sum();
  }

  public double sum(String name) {
    return sum(name, Map.of());
  }
}
