package io.peaktrade.watch.exporter.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * One option of a subcommand, declared once for parsing, checking and its --help line.
 *
 * @param name the option, e.g. {@code --port}
 * @param type what its value must be
 * @param fallback the default when neither the command line nor {@code env} give one (may be null)
 * @param env an environment variable whose non-blank value is the default instead (may be null)
 * @param negatable a switch that also has a {@code --no-} form
 * @param description the help text; {@code ${DEFAULT-VALUE}} in it stands for the default
 */
record Flag(
    String name, Type type, String fallback, String env, boolean negatable, String description) {

  static final String DEFAULT_VALUE = "${DEFAULT-VALUE}";

  /** The kinds of value, each with its conversion and its name in the help line. */
  enum Type {
    TEXT("TEXT", "a text"),
    INT("N", "a whole number"),
    LONG("N", "a whole number"),
    DECIMAL("X", "a number"),
    PATH("PATH", "a path"),
    URL("URL", "a URL"),
    SWITCH(null, "true or false");

    final String param;
    final String expected;

    Type(String param, String expected) {
      this.param = param;
      this.expected = expected;
    }

    /** The value converted; IllegalArgumentException if it is not one of this type. */
    Object convert(String s) {
      String v = s.trim();
      return switch (this) {
        case TEXT -> s;
        case INT -> Integer.parseInt(v);
        case LONG -> Long.parseLong(v);
        case DECIMAL -> Double.parseDouble(v);
        case PATH -> v.isEmpty() ? null : Path.of(v);
        case URL -> url(v);
        case SWITCH -> Boolean.parseBoolean(v);
      };
    }

    private static URI url(String v) {
      try {
        return new URI(v);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  static Flag of(String name, Type type, String fallback, String description) {
    return new Flag(name, type, fallback, null, false, description);
  }

  /** A switch, off unless given. */
  static Flag toggle(String name, String description) {
    return new Flag(name, Type.SWITCH, "false", null, false, description);
  }

  /** A switch with a {@code --no-} form, on or off by default. */
  static Flag negatable(String name, boolean on, String description) {
    return new Flag(name, Type.SWITCH, Boolean.toString(on), null, true, description);
  }

  /** This option with its default taken from {@code variable} when that is set. */
  Flag orEnv(String variable) {
    return new Flag(name, type, fallback, variable, negatable, description);
  }

  boolean isSwitch() {
    return type == Type.SWITCH;
  }

  /** The value when the command line does not give one, with {@code env} looking up variables. */
  String defaultValue(UnaryOperator<String> env) {
    String fromEnv = this.env == null ? null : env.apply(this.env);
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : fallback;
  }

  /** How the option is written in its help line. */
  String synopsis() {
    if (negatable) {
      return "--[no-]" + name.substring(2);
    }
    return isSwitch() ? name : name + "=<" + type.param + ">";
  }
}
