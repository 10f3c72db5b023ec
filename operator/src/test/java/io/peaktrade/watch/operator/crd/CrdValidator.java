package io.peaktrade.watch.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What kube-apiserver does with a custom resource on {@code kubectl apply}, as far as real
 * libraries can do it here: strict field validation (unknown fields are errors, as with kubectl's
 * default --validate=strict), defaulting, the OpenAPI v3 schema (networknt json-schema-validator)
 * and the x-kubernetes-validations CEL rules (cel-java with the Kubernetes strings library).
 */
public final class CrdValidator {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addCompilerLibraries(CelExtensions.strings())
          .addRuntimeLibraries(CelExtensions.strings())
          .build();

  private final JsonNode schema;
  private final JsonSchema strict;

  public CrdValidator(CustomResourceDefinition crd) {
    this.schema =
        JSON.valueToTree(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema());
    JsonNode strictSchema = schema.deepCopy();
    forbidUnknownFields(strictSchema);
    // Patterns as kube-apiserver matches them: RE2, unanchored search. Not java.util.regex, where
    // '$' also matches before a final line terminator ("demo\n" would pass here and fail there),
    // nor Joni, whose '^' and '$' are line anchors.
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .regularExpressionFactory(
                regex -> {
                  Pattern p = Pattern.compile(regex);
                  return value -> p.matcher(value).find();
                })
            .build();
    this.strict =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(strictSchema, config);
  }

  /** Every error the API server would report; empty when the resource would be accepted. */
  public List<String> validate(JsonNode resource) {
    JsonNode r = resource.deepCopy();
    ((ObjectNode) r).remove(List.of("apiVersion", "kind", "metadata"));
    // The root's CEL rules see metadata.name (and generateName) only, as in kube-apiserver.
    ObjectNode celRoot = (ObjectNode) r.deepCopy();
    celRoot.putObject("metadata").put("name", resource.path("metadata").path("name").asText(""));
    List<String> errors = new ArrayList<>();
    for (ValidationMessage m : strict.validate(r)) {
      errors.add(m.getMessage());
    }
    if (!errors.isEmpty()) {
      return errors;
    }
    applyDefaults(schema, celRoot);
    celRules(schema, celRoot, "$", errors);
    return errors;
  }

  /** The resource as the API server stores it: with the schema's defaults filled in. */
  public JsonNode defaulted(JsonNode resource) {
    ObjectNode r = (ObjectNode) resource.deepCopy();
    JsonNode metadata = r.remove("metadata");
    applyDefaults(schema, r);
    r.set("metadata", metadata);
    return r;
  }

  /** Compiles every rule in the schema; a rule that does not compile is reported. */
  public List<String> compileAllRules() {
    List<String> problems = new ArrayList<>();
    forEachRule(
        schema,
        rule -> {
          var result = CEL.compile(rule);
          if (result.hasError()) {
            problems.add(rule + ": " + result.getErrorString());
          }
        });
    return problems;
  }

  private static void forEachRule(JsonNode s, Consumer<String> f) {
    for (JsonNode v : s.path("x-kubernetes-validations")) {
      f.accept(v.path("rule").asText());
    }
    s.path("properties").forEach(p -> forEachRule(p, f));
    if (s.has("items")) {
      forEachRule(s.get("items"), f);
    }
    if (s.path("additionalProperties").isObject()) {
      forEachRule(s.get("additionalProperties"), f);
    }
  }

  private static void forbidUnknownFields(JsonNode s) {
    if (s.has("properties") && !s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      ((ObjectNode) s).put("additionalProperties", false);
    }
    s.path("properties").forEach(CrdValidator::forbidUnknownFields);
    if (s.has("items")) {
      forbidUnknownFields(s.get("items"));
    }
  }

  private static void applyDefaults(JsonNode s, JsonNode value) {
    if (value instanceof ObjectNode obj && s.has("properties")) {
      for (Map.Entry<String, JsonNode> p : s.get("properties").properties()) {
        if (!obj.has(p.getKey()) && p.getValue().has("default")) {
          obj.set(p.getKey(), p.getValue().get("default").deepCopy());
        }
        if (obj.has(p.getKey())) {
          applyDefaults(p.getValue(), obj.get(p.getKey()));
        }
      }
    } else if (value != null && value.isArray() && s.has("items")) {
      value.forEach(item -> applyDefaults(s.get("items"), item));
    }
  }

  private static void celRules(JsonNode s, JsonNode value, String path, List<String> errors) {
    if (value == null || value.isNull()) {
      return;
    }
    for (JsonNode v : s.path("x-kubernetes-validations")) {
      String rule = v.path("rule").asText();
      try {
        CelAbstractSyntaxTree ast = CEL.compile(rule).getAst();
        Object ok = CEL.createProgram(ast).eval(Map.of("self", toCel(value)));
        if (!Boolean.TRUE.equals(ok)) {
          errors.add(path + ": " + v.path("message").asText(rule));
        }
      } catch (Exception e) {
        errors.add(path + ": rule " + rule + " failed: " + e.getMessage());
      }
    }
    if (value.isObject() && s.has("properties")) {
      s.get("properties")
          .properties()
          .forEach(
              p -> celRules(p.getValue(), value.get(p.getKey()), path + "." + p.getKey(), errors));
    } else if (value.isArray() && s.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        celRules(s.get("items"), value.get(i), path + "[" + i + "]", errors);
      }
    }
  }

  /** JSON as CEL sees it: maps, lists, int64, double, bool, string. */
  static Object toCel(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      n.properties().forEach(e -> m.put(e.getKey(), toCel(e.getValue())));
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(e -> l.add(toCel(e)));
      return l;
    }
    if (n.isIntegralNumber()) {
      return n.asLong();
    }
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    return n.asText();
  }
}
