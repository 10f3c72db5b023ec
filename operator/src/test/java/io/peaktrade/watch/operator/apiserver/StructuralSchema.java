package io.peaktrade.watch.operator.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What kube-apiserver does to a custom resource with its CRD's structural schema before it stores
 * it, on every create and update (and again on every read from etcd): unknown fields are pruned,
 * then defaults are filled in.
 *
 * <p>After k8s.io/apiextensions-apiserver v0.31.0: {@code
 * pkg/apiserver/schema/pruning/algorithm.go} (fields the schema does not name are dropped, unless
 * {@code x-kubernetes-preserve-unknown-fields}; apiVersion, kind and metadata of the root and of
 * embedded resources stay), {@code pkg/apiserver/schema/defaulting/algorithm.go} (a property's
 * default is set where the field is absent or a null the schema does not allow, then defaulting
 * descends into it), both run from the request decoder in {@code
 * pkg/apiserver/customresource_handler.go} (pruning first).
 */
final class StructuralSchema {

  private static final Set<String> RESOURCE_ROOT = Set.of("apiVersion", "kind", "metadata");

  private StructuralSchema() {}

  /** Prunes and defaults a whole custom resource in place. */
  static void apply(ObjectNode resource, JsonNode schema) {
    prune(resource, schema, true);
    defaults(resource, schema);
  }

  static void prune(JsonNode value, JsonNode schema, boolean resourceRoot) {
    if (schema == null || schema.isMissingNode()) {
      return;
    }
    if (value instanceof ObjectNode object) {
      boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      boolean embedded = schema.path("x-kubernetes-embedded-resource").asBoolean(false);
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.get("additionalProperties");
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if ((resourceRoot || embedded) && RESOURCE_ROOT.contains(name)) {
          continue; // metadata is the API server's own type, checked apart from the schema
        }
        if (properties.has(name)) {
          prune(object.get(name), properties.get(name), false);
        } else if (additional != null && additional.isObject()) {
          prune(object.get(name), additional, false);
        } else if (!preserve && !(additional != null && additional.asBoolean(false))) {
          object.remove(name);
        }
      }
    } else if (value instanceof ArrayNode array) {
      for (JsonNode item : array) {
        prune(item, schema.path("items"), false);
      }
    }
  }

  static void defaults(JsonNode value, JsonNode schema) {
    if (schema == null || schema.isMissingNode()) {
      return;
    }
    if (value instanceof ObjectNode object) {
      JsonNode properties = schema.path("properties");
      properties
          .properties()
          .forEach(
              p -> {
                JsonNode def = p.getValue().get("default");
                JsonNode present = object.get(p.getKey());
                boolean nullNotAllowed =
                    present != null
                        && present.isNull()
                        && !p.getValue().path("nullable").asBoolean(false);
                if (def != null && (present == null || nullNotAllowed)) {
                  object.set(p.getKey(), def.deepCopy());
                }
              });
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      JsonNode additional = schema.get("additionalProperties");
      for (String name : names) {
        if (properties.has(name)) {
          defaults(object.get(name), properties.get(name));
        } else if (additional != null && additional.isObject()) {
          defaults(object.get(name), additional);
        }
      }
    } else if (value instanceof ArrayNode array) {
      for (JsonNode item : array) {
        defaults(item, schema.path("items"));
      }
    }
  }
}
