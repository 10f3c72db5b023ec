package io.peaktrade.watch.helm;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What makes a new CRD unsafe to apply over an old one within the same API version: objects stored
 * under the old schema must still be served, kept and accepted on their next update. The API server
 * prunes fields a schema no longer names (apiextensions-apiserver's structural pruning) and
 * validates an update against the new schema; ratcheting (CRDValidationRatcheting, on by default
 * from Kubernetes 1.30) forgives only unchanged fields, and the chart supports 1.25.
 */
final class CrdCompatibility {

  private CrdCompatibility() {}

  /**
   * Every reason an object valid under {@code before} could be lost or refused under {@code after}.
   */
  static List<String> problems(CustomResourceDefinition before, CustomResourceDefinition after) {
    List<String> out = new ArrayList<>();
    if (!before.getSpec().getNames().getKind().equals(after.getSpec().getNames().getKind())
        || !before.getSpec().getNames().getPlural().equals(after.getSpec().getNames().getPlural())
        || !before.getSpec().getScope().equals(after.getSpec().getScope())) {
      out.add("the kind, plural or scope changed");
    }
    for (CustomResourceDefinitionVersion old : before.getSpec().getVersions()) {
      CustomResourceDefinitionVersion now =
          after.getSpec().getVersions().stream()
              .filter(v -> v.getName().equals(old.getName()))
              .findFirst()
              .orElse(null);
      if (now == null) {
        out.add(old.getName() + ": the version is gone (its stored objects could not be read)");
        continue;
      }
      if (Boolean.TRUE.equals(old.getServed()) && !Boolean.TRUE.equals(now.getServed())) {
        out.add(old.getName() + ": no longer served");
      }
      if (Boolean.TRUE.equals(old.getStorage()) && !Boolean.TRUE.equals(now.getStorage())) {
        out.add(old.getName() + ": no longer the storage version (a migration is needed)");
      }
      if (old.getSubresources() != null
          && old.getSubresources().getStatus() != null
          && (now.getSubresources() == null || now.getSubresources().getStatus() == null)) {
        out.add(old.getName() + ": the status subresource is gone");
      }
      schema(
          old.getName(),
          json(old.getSchema().getOpenAPIV3Schema()),
          json(now.getSchema().getOpenAPIV3Schema()),
          out);
    }
    return out;
  }

  private static JsonNode json(Object o) {
    return Serialization.jsonMapper().valueToTree(o);
  }

  private static void schema(String at, JsonNode old, JsonNode now, List<String> out) {
    if (!old.path("type").equals(now.path("type"))) {
      out.add(at + ": type " + old.path("type") + " became " + now.path("type"));
      return;
    }
    if (!old.path("format").equals(now.path("format"))) {
      out.add(at + ": format " + old.path("format") + " became " + now.path("format"));
    }
    if (old.path("nullable").asBoolean(false) && !now.path("nullable").asBoolean(false)) {
      out.add(at + ": no longer nullable");
    }
    Set<String> required = strings(now.path("required"));
    required.removeAll(strings(old.path("required")));
    if (!required.isEmpty()) {
      out.add(at + ": newly required " + required);
    }
    if (now.has("enum")) {
      Set<String> lost = strings(old.path("enum"));
      lost.removeAll(strings(now.path("enum")));
      if (!old.has("enum") || !lost.isEmpty()) {
        out.add(
            at + ": the allowed values narrowed" + (lost.isEmpty() ? "" : " (lost " + lost + ")"));
      }
    }
    if (now.has("pattern") && !now.path("pattern").equals(old.path("pattern"))) {
      out.add(at + ": a new pattern " + now.path("pattern"));
    }
    for (String upper : List.of("maxLength", "maxItems", "maxProperties", "maximum")) {
      if (now.has(upper)
          && (!old.has(upper) || now.path(upper).asDouble() < old.path(upper).asDouble())) {
        out.add(at + ": " + upper + " tightened to " + now.path(upper));
      }
    }
    for (String lower : List.of("minLength", "minItems", "minProperties", "minimum")) {
      if (now.has(lower)
          && (!old.has(lower) || now.path(lower).asDouble() > old.path(lower).asDouble())) {
        out.add(at + ": " + lower + " tightened to " + now.path(lower));
      }
    }
    Set<String> oldRules = new HashSet<>();
    old.path("x-kubernetes-validations").forEach(r -> oldRules.add(r.path("rule").asText()));
    now.path("x-kubernetes-validations")
        .forEach(
            r -> {
              if (!oldRules.contains(r.path("rule").asText())) {
                out.add(at + ": a new CEL rule " + r.path("rule").asText());
              }
            });
    boolean keepsUnknown = now.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    old.path("properties")
        .fields()
        .forEachRemaining(
            p -> {
              JsonNode kept = now.path("properties").path(p.getKey());
              if (kept.isMissingNode()) {
                if (!keepsUnknown) {
                  out.add(at + "." + p.getKey() + ": removed (pruned from stored objects)");
                }
              } else {
                schema(at + "." + p.getKey(), p.getValue(), kept, out);
              }
            });
    if (old.has("items") && now.has("items")) {
      schema(at + "[]", old.path("items"), now.path("items"), out);
    }
    if (old.path("additionalProperties").isObject()
        && now.path("additionalProperties").isObject()) {
      schema(at + ".*", old.path("additionalProperties"), now.path("additionalProperties"), out);
    }
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new HashSet<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }
}
