// Label values put into PromQL, as Grafana's Prometheus data source does it: a value inside a
// double-quoted string is escaped for Go's string syntax (Prometheus' lexer), and inside a regular
// expression matcher (=~, !~) RE2's metacharacters are escaped first, so that a value matches
// itself only and never ends the string. io.peaktrade.watch.exporter.check.PromQl is the same.
'use strict';

window.PromQL = (() => {
  /** RE2's metacharacters escaped: the value as a regular expression matching itself. */
  const regexEscape = (s) => s.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&');

  /** The body of a double-quoted PromQL string (no quotes): backslash, quote, control characters. */
  const stringBody = (s) => s.replace(/[\\"\u0000-\u001f]/g, (c) => {
    switch (c) {
      case '\\': return '\\\\';
      case '"': return '\\"';
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    }
  });

  /**
   * What a variable stands in at this offset of the expression: 'regex' inside the string of a =~ or
   * !~ matcher, 'string' inside the string of a = or != matcher, 'raw' elsewhere ($__range).
   */
  function context(expr, offset) {
    const m = /(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)$/.exec(expr.slice(0, offset));
    if (!m) return 'raw';
    return m[1] === '=~' || m[1] === '!~' ? 'regex' : 'string';
  }

  /**
   * The text a variable's value becomes at this offset: {value, all (a regular expression for
   * "All", or null)}.
   */
  function substitute(expr, offset, value, all) {
    switch (context(expr, offset)) {
      case 'regex': return stringBody(all != null ? all : regexEscape(value));
      case 'string': return stringBody(value);
      default: return all != null ? all : value;
    }
  }

  return { regexEscape, stringBody, context, substitute };
})();
