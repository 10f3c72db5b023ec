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
 * @param range the values a number may take ({@link Range#ANY} for all, and for other types)
 * @param description the help text; {@code ${DEFAULT-VALUE}} in it stands for the default
 */
record Flag(
    String name,
    Type type,
    String fallback,
    String env,
    boolean negatable,
    Range range,
    String description) {

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
        case DECIMAL -> finite(Double.parseDouble(v));
        case PATH -> v.isEmpty() ? null : Path.of(v);
        case URL -> url(v);
        case SWITCH -> Boolean.parseBoolean(v);
      };
    }

    private static double finite(double d) {
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("not finite: " + d);
      }
      return d;
    }

    private static URI url(String v) {
      try {
        return new URI(v);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  /**
   * The numbers an option takes: from {@code min} (or above it, when {@code aboveMin}) to {@code
   * max}, both included; said in the usage error for a value outside.
   */
  record Range(double min, boolean aboveMin, double max) {
    static final Range ANY = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY);

    boolean contains(double v) {
      return (aboveMin ? v > min : v >= min) && v <= max;
    }

    /** E.g. "from 0 to 65535", "above 0", "at least 1". */
    String describe() {
      String low = (aboveMin ? "above " : "at least ") + number(min);
      if (max == Double.POSITIVE_INFINITY) {
        return low;
      }
      return aboveMin
          ? low + " and at most " + number(max)
          : "from " + number(min) + " to " + number(max);
    }

    private static String number(double d) {
      return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
  }

  static Flag of(String name, Type type, String fallback, String description) {
    return new Flag(name, type, fallback, null, false, Range.ANY, description);
  }

  /** A switch, off unless given. */
  static Flag toggle(String name, String description) {
    return new Flag(name, Type.SWITCH, "false", null, false, Range.ANY, description);
  }

  /** A switch with a {@code --no-} form, on or off by default. */
  static Flag negatable(String name, boolean on, String description) {
    return new Flag(name, Type.SWITCH, Boolean.toString(on), null, true, Range.ANY, description);
  }

  /** This option with its default taken from {@code variable} when that is set. */
  Flag orEnv(String variable) {
    return new Flag(name, type, fallback, variable, negatable, range, description);
  }

  /** This number option taking {@code min} to {@code max} only. */
  Flag between(long min, long max) {
    return within(new Range(min, false, max));
  }

  /** This number option taking {@code min} or more only. */
  Flag atLeast(long min) {
    return within(new Range(min, false, Double.POSITIVE_INFINITY));
  }

  /** This number option taking values above {@code min} and up to {@code max} only. */
  Flag above(double min, double max) {
    return within(new Range(min, true, max));
  }

  private Flag within(Range r) {
    if (type != Type.INT && type != Type.LONG && type != Type.DECIMAL) {
      throw new IllegalStateException(name + " is not a number option");
    }
    return new Flag(name, type, fallback, env, negatable, r, description);
  }

  boolean isSwitch() {
    return type == Type.SWITCH;
  }

  /** The value when the command line does not give one, with {@code env} looking up variables. */
  String defaultValue(UnaryOperator<String> env) {
    String fromEnv = fromEnv(env);
    return fromEnv != null ? fromEnv : fallback;
  }

  /** The environment's value for this option, when it has a variable and that is set. */
  String fromEnv(UnaryOperator<String> env) {
    String value = this.env == null ? null : env.apply(this.env);
    return value != null && !value.isBlank() ? value : null;
  }

  /**
   * The default as the help line says it: the value, or for an option with a variable where the
   * default comes from ({@code $VAR or demo}) and what it is now ({@code $VAR, now r7}).
   */
  String defaultForHelp(UnaryOperator<String> env) {
    if (this.env == null) {
      return String.valueOf(fallback);
    }
    String now = fromEnv(env);
    if (now != null) {
      return "$" + this.env + ", now " + now;
    }
    return "$" + this.env + (fallback == null ? "" : " or " + fallback);
  }

  /** How the option is written in its help line. */
  String synopsis() {
    if (negatable) {
      return "--[no-]" + name.substring(2);
    }
    return isSwitch() ? name : name + "=<" + type.param + ">";
  }
}
