package io.peaktrade.watch.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values table of the chart README, from values.yaml's "# --" comments (helm-docs' convention:
 * a "# --" comment, continued by the "#" lines under it, describes the key that follows). The
 * default is the key's value in values.yaml, as JSON.
 */
final class ValuesDoc {

  record Row(String key, String type, String defaultJson, String description) {}

  private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.-]+):( .*)?$");
  private static final Pattern COMMENT = Pattern.compile("^( *)#( ?)(.*)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String BEGIN =
      "<!-- values table: generated from values.yaml's \"# --\" comments -->";
  static final String END = "<!-- end of the values table -->";

  private ValuesDoc() {}

  /** Every documented key, in the order of values.yaml. */
  static List<Row> rows(Path valuesYaml) throws IOException {
    JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(valuesYaml.toFile());
    List<Row> rows = new ArrayList<>();
    Deque<int[]> indents = new ArrayDeque<>(); // indentation of each open key
    Deque<String> path = new ArrayDeque<>();
    StringBuilder description = null;
    int commentIndent = -1;
    for (String line : Files.readAllLines(valuesYaml)) {
      Matcher c = COMMENT.matcher(line);
      if (c.matches()) {
        String text = c.group(3);
        if (text.startsWith("-- ")) {
          description = new StringBuilder(text.substring(3).trim());
          commentIndent = c.group(1).length();
        } else if (description != null && c.group(1).length() == commentIndent) {
          description.append(' ').append(text.trim());
        }
        continue;
      }
      Matcher k = KEY.matcher(line);
      if (!k.matches()) {
        if (line.isBlank()) {
          description = null;
        }
        continue;
      }
      int indent = k.group(1).length();
      while (!indents.isEmpty() && indents.peek()[0] >= indent) {
        indents.pop();
        path.removeLast();
      }
      indents.push(new int[] {indent});
      path.addLast(k.group(2));
      if (description != null) {
        String key = String.join(".", path);
        JsonNode value = values.at("/" + String.join("/", path));
        rows.add(new Row(key, type(value), JSON.writeValueAsString(value), description.toString()));
        description = null;
      }
    }
    return rows;
  }

  private static String type(JsonNode v) {
    if (v.isTextual()) {
      return "string";
    }
    if (v.isIntegralNumber()) {
      return "int";
    }
    if (v.isNumber()) {
      return "float";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    if (v.isArray()) {
      return "list";
    }
    if (v.isNull()) {
      return "null";
    }
    return "object";
  }

  /** The markdown table, between its markers. */
  static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder(BEGIN).append("\n\n");
    out.append("| Key | Type | Default | Description |\n|---|---|---|---|\n");
    for (Row r : rows) {
      out.append("| `")
          .append(r.key())
          .append("` | ")
          .append(r.type())
          .append(" | `")
          .append(r.defaultJson().replace("|", "\\|"))
          .append("` | ")
          .append(r.description().replace("|", "\\|"))
          .append(" |\n");
    }
    return out.append('\n').append(END).toString();
  }
}
