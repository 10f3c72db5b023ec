package io.peaktrade.watch.exporter.check;

/**
 * A label value put into PromQL. A double-quoted PromQL string takes Go's escapes (Prometheus'
 * promql/parser lexer and strconv.Unquote), so a backslash and a double quote are escaped and the
 * control characters written as escapes; a value never ends the string or adds a matcher. For a
 * regular-expression matcher ({@code =~}), RE2's metacharacters are escaped first, so the value
 * matches itself only. preview/promql.js is the same for the dashboard preview.
 */
public final class PromQl {

  private PromQl() {}

  /** The value as a PromQL string literal, quotes included: for {@code label="..."}. */
  public static String string(String value) {
    StringBuilder b = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** The value as a PromQL string literal matching exactly itself: for {@code label=~"..."}. */
  public static String regex(String value) {
    return string(value.replaceAll("[\\\\^$*+?.()|\\[\\]{}]", "\\\\$0"));
  }
}
