package io.peaktrade.watch.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart's values: documented in the README's generated table, and unable to inject YAML. */
class ChartValuesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path VALUES = Chart.DIR.resolve("values.yaml");
  private static final Path README = Chart.DIR.resolve("README.md");

  @TempDir Path tmp;

  /**
   * The README's values table is values.yaml's "# --" comments. To regenerate it: ./mvnw -pl helm
   * test -Dtest=ChartValuesTest -Dreadme.write=true
   */
  @Test
  void theReadmeValuesTableIsGeneratedFromValuesYaml() throws Exception {
    String table = ValuesDoc.table(ValuesDoc.rows(VALUES));
    String readme = Files.readString(README);
    int begin = readme.indexOf(ValuesDoc.BEGIN);
    int end = readme.indexOf(ValuesDoc.END);
    assertThat(begin).as("the README's values table markers").isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String current = readme.substring(begin, end + ValuesDoc.END.length());
    if (Boolean.getBoolean("readme.write")) {
      Files.writeString(README, readme.replace(current, table));
      current = table;
    }
    assertThat(current)
        .as(
            "the chart README's values table is stale: ./mvnw -pl helm test -Dtest=ChartValuesTest"
                + " -Dreadme.write=true")
        .isEqualTo(table);
  }

  /** Every value has a "# --" description (on itself or the map it belongs to). */
  @Test
  void everyValueIsDocumented() throws Exception {
    Set<String> documented = new TreeSet<>();
    ValuesDoc.rows(VALUES).forEach(r -> documented.add(r.key()));
    List<String> undocumented = new ArrayList<>();
    leaves(YAML.readTree(VALUES.toFile()), "", new LinkedHashMap<>())
        .keySet()
        .forEach(
            leaf -> {
              String key = leaf.substring(1).replaceAll("/\\d+(?=/|$)", "").replace('/', '.');
              boolean found = false;
              for (String k = key; !k.isEmpty(); k = parent(k)) {
                found |= documented.contains(k);
              }
              if (!found) {
                undocumented.add(leaf);
              }
            });
    assertThat(undocumented).as("values without a \"# --\" comment").isEmpty();
    assertThat(documented).as("a sample of the rows").contains("image.tag", "imagePullSecrets");
  }

  /**
   * Each string value of the chart (every default, and every optional one of ci/all-values.yaml),
   * set to a value that would add a key if a template pasted it unquoted: the chart either refuses
   * it by its schema or renders it as the string it is. On the old chart, image.tag "x\n command:
   * [sh]" put a command into the operator's container.
   */
  @Test
  void noStringValueCanInjectYaml() throws Exception {
    JsonNode all = merged(YAML.readTree(VALUES.toFile()), YAML.readTree(ciAllValues().toFile()));
    Map<String, JsonNode> strings = new LinkedHashMap<>();
    leaves(all, "", strings);
    strings.values().removeIf(v -> !v.isTextual());
    assertThat(strings).hasSizeGreaterThan(30);
    List<String> injected = new ArrayList<>();
    int refused = 0;
    for (String path : strings.keySet()) {
      for (String payload :
          List.of(
              "x\ninjected: yes",
              "x\n  injected: yes",
              "x: y\ninjected: yes",
              "\"x\"\ninjected: yes")) {
        JsonNode values = all.deepCopy();
        set(values, path, payload);
        Path file = tmp.resolve("values.yaml");
        YAML.writeValue(file.toFile(), values);
        List<HasMetadata> objects;
        try {
          objects = Chart.renderWithValuesFile(file);
        } catch (IllegalStateException e) {
          assertThat(e.getMessage())
              .as("%s = %s: refused, by the values schema", path, payload)
              .contains("schema");
          refused++;
          continue;
        }
        for (HasMetadata o : objects) {
          if (hasKey(Serialization.jsonMapper().valueToTree(o), "injected")) {
            injected.add(path + " -> " + o.getKind() + " " + o.getMetadata().getName());
          }
        }
      }
    }
    assertThat(injected).as("values that added a key to a rendered object").isEmpty();
    assertThat(refused).as("values the schema refused").isPositive();
  }

  private static boolean hasKey(JsonNode n, String key) {
    if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals(key) || hasKey(e.getValue(), key)) {
          return true;
        }
      }
    }
    if (n.isArray()) {
      for (JsonNode e : n) {
        if (hasKey(e, key)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Path ciAllValues() {
    return Chart.DIR.resolve("ci/all-values.yaml");
  }

  private static String parent(String key) {
    int dot = key.lastIndexOf('.');
    return dot < 0 ? "" : key.substring(0, dot);
  }

  /** Every scalar (and empty list or map) by its JSON pointer, /a/b/0/c. */
  private static Map<String, JsonNode> leaves(JsonNode n, String path, Map<String, JsonNode> out) {
    if (n.isObject() && !n.isEmpty()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        leaves(e.getValue(), path + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out);
      }
    } else if (n.isArray() && !n.isEmpty()) {
      for (int i = 0; i < n.size(); i++) {
        leaves(n.get(i), path + "/" + i, out);
      }
    } else {
      out.put(path, n);
    }
    return out;
  }

  /** b over a, maps merged key by key (as Helm merges a values file over the defaults). */
  private static JsonNode merged(JsonNode a, JsonNode b) {
    if (!a.isObject() || !b.isObject()) {
      return b.deepCopy();
    }
    ObjectNode out = (ObjectNode) a.deepCopy();
    b.fields()
        .forEachRemaining(
            e ->
                out.set(
                    e.getKey(),
                    out.has(e.getKey())
                        ? merged(out.get(e.getKey()), e.getValue())
                        : e.getValue()));
    return out;
  }

  private static void set(JsonNode root, String pointer, String value) {
    JsonPointer at = JsonPointer.compile(pointer);
    JsonNode parent = root.at(at.head());
    if (parent instanceof ArrayNode a) {
      a.set(at.last().getMatchingIndex(), TextNode.valueOf(value));
    } else {
      ((ObjectNode) parent).put(at.last().getMatchingProperty(), value);
    }
  }
}
