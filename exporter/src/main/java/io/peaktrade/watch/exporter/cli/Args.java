package io.peaktrade.watch.exporter.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The options of one subcommand as given on its command line, defaults filled in and every value
 * converted and checked against its range, so that a wrong one is reported before anything starts:
 * {@code --name VALUE}, {@code --name=VALUE}, a switch as {@code --name} (or {@code --no-name}). A
 * value is the next word whatever it looks like ({@code --run-id --help} is the run id "--help"),
 * and {@code --} ends the options as in POSIX utilities: no word after it is read as one.
 */
final class Args {

  private final Map<Flag, Object> values;

  private Args(Map<Flag, Object> values) {
    this.values = values;
  }

  /**
   * Parses {@code argv} (the words after the subcommand's name) against its options.
   *
   * @throws UsageException for an unknown option, a missing or wrong value
   */
  static Args parse(Subcommand command, List<String> argv, UnaryOperator<String> env) {
    Map<String, Flag> byName = new HashMap<>();
    for (Flag f : command.flags()) {
      byName.put(f.name(), f);
    }
    // keyed by identity: each Flag is one option, and a record's own hashCode would bootstrap
    // method handles on first use (~20 classes spun at every start, docs/bench/levers.txt)
    Map<Flag, String> given = new IdentityHashMap<>();
    for (int i = 0; i < argv.size(); i++) {
      String word = argv.get(i);
      if (word.equals(END_OF_OPTIONS)) {
        if (i + 1 < argv.size()) {
          throw new UsageException(
              "Unexpected argument for "
                  + command.name()
                  + ": '"
                  + argv.get(i + 1)
                  + "' ("
                  + command.name()
                  + " takes options only, and none after '--')");
        }
        break;
      }
      int eq = word.indexOf('=');
      String name = eq > 0 ? word.substring(0, eq) : word;
      Flag flag = byName.get(name);
      Flag negated = name.startsWith("--no-") ? byName.get("--" + name.substring(5)) : null;
      if (flag != null && flag.isSwitch()) {
        if (eq > 0) {
          throw new UsageException(name + " is a switch and takes no value: pass just " + name);
        }
        given.put(flag, "true");
      } else if (flag != null) {
        if (eq < 0 && i + 1 >= argv.size()) {
          throw new UsageException(name + " needs a value: " + flag.synopsis());
        }
        given.put(flag, eq > 0 ? word.substring(eq + 1) : argv.get(++i));
      } else if (negated != null && negated.negatable() && eq < 0) {
        given.put(negated, "false");
      } else {
        throw new UsageException(unknown(command, word));
      }
    }
    Map<Flag, Object> values = new IdentityHashMap<>();
    for (Flag f : command.flags()) {
      boolean fromEnv = !given.containsKey(f) && f.fromEnv(env) != null;
      String raw = given.containsKey(f) ? given.get(f) : f.defaultValue(env);
      values.put(
          f, raw == null ? null : convert(f, raw, fromEnv ? " (from $" + f.env() + ")" : ""));
    }
    return new Args(values);
  }

  /** {@code --}: the words after it are not options. */
  static final String END_OF_OPTIONS = "--";

  /**
   * Whether {@code word} stands where an option would in {@code argv}: before {@code --} and not
   * the value of the option before it. {@code --help} asks for help there, and only there.
   */
  static boolean asOption(Subcommand command, List<String> argv, String word) {
    Map<String, Flag> byName = new HashMap<>();
    command.flags().forEach(f -> byName.put(f.name(), f));
    for (int i = 0; i < argv.size(); i++) {
      String w = argv.get(i);
      if (w.equals(END_OF_OPTIONS)) {
        return false;
      }
      if (w.equals(word)) {
        return true;
      }
      Flag f = byName.get(w);
      if (f != null && !f.isSwitch()) {
        i++; // its value
      }
    }
    return false;
  }

  private static Object convert(Flag f, String raw, String source) {
    Object value;
    try {
      value = f.type().convert(raw);
    } catch (IllegalArgumentException e) { // NumberFormatException, InvalidPathException too
      throw new UsageException(
          "Invalid value for "
              + f.name()
              + source
              + ": '"
              + raw
              + "' is not "
              + f.type().expected
              + ".");
    }
    if (value instanceof Number n && !f.range().contains(n.doubleValue())) {
      throw new UsageException(
          "Invalid value for "
              + f.name()
              + source
              + ": '"
              + raw.trim()
              + "' is out of range, it must be "
              + f.type().expected
              + " "
              + f.range().describe()
              + ".");
    }
    return value;
  }

  private static String unknown(Subcommand command, String word) {
    String what = word.startsWith("-") ? "Unknown option" : "Unexpected argument";
    String hint =
        Suggestions.closest(word, command.flags().stream().map(Flag::name).toList())
            .map(s -> ". Did you mean " + s + "?")
            .orElse("");
    return what + " for " + command.name() + ": '" + word + "'" + hint;
  }

  private Object value(Flag f, Flag.Type type) {
    if (!values.containsKey(f) || f.type() != type) {
      throw new IllegalArgumentException(f.name() + " is not a " + type + " option here");
    }
    return values.get(f);
  }

  /** The text, or {@code null} when neither given nor defaulted. */
  String text(Flag f) {
    return (String) value(f, Flag.Type.TEXT);
  }

  /** The path, or {@code null} when neither given nor defaulted (or blank). */
  Path path(Flag f) {
    return (Path) value(f, Flag.Type.PATH);
  }

  int integer(Flag f) {
    return (Integer) value(f, Flag.Type.INT);
  }

  long whole(Flag f) {
    return (Long) value(f, Flag.Type.LONG);
  }

  double decimal(Flag f) {
    return (Double) value(f, Flag.Type.DECIMAL);
  }

  URI url(Flag f) {
    return (URI) value(f, Flag.Type.URL);
  }

  boolean on(Flag f) {
    return (Boolean) value(f, Flag.Type.SWITCH);
  }
}
