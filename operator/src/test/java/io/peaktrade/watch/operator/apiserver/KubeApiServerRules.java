package io.peaktrade.watch.operator.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What kube-apiserver makes of an object it is asked to store, where the fabric8 mock API server
 * (CRUD mode) keeps what it is given: the operator must see its own objects as the cluster returns
 * them, or a test cannot tell a steady state from a write loop. {@link ApiServerDispatcher} runs
 * every stored object through {@link #store}; the rules, each from kube-apiserver's source:
 *
 * <ul>
 *   <li>defaults and canonical quantities of the built-in kinds ({@link BuiltInDefaults}); pruning
 *       and schema defaults of custom resources from their CRD ({@link StructuralSchema});
 *   <li>status only through the status subresource: an update of the main resource keeps the stored
 *       status, an update of /status keeps the rest (Deployment and Service strategies in
 *       pkg/registry/apps/deployment/strategy.go, pkg/registry/core/service/strategy.go; custom
 *       resources: apiextensions-apiserver pkg/registry/customresource/strategy.go and
 *       status_strategy.go);
 *   <li>metadata.generation: 1 on create, bumped by a change of the spec (Deployment: or its
 *       annotations, deployment/strategy.go PrepareForUpdate; NetworkPolicy: the spec only; custom
 *       resources: anything but metadata and status), never moved for Services and ConfigMaps
 *       (their strategies do not touch it);
 *   <li>an update that changes nothing is not written: same resourceVersion, no watch event
 *       (apiserver v0.31.0 pkg/storage/etcd3/store.go GuaranteedUpdate, "bytes.Equal(data,
 *       origState.data)");
 *   <li>Services keep their allocated cluster IPs when an update omits them (pkg/registry/core/
 *       service/storage/storage.go patchAllocatedValues), and get them on create (alloc.go).
 * </ul>
 *
 * Conflicts on a stale resourceVersion (409) are the mock's own (PutHandler/PatchHandler
 * validateResourceVersion), as kube-apiserver's registry/store.go Update answers them.
 */
public final class KubeApiServerRules {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Built-in kinds with a status subresource among those the operator writes. */
  private static final Map<String, Boolean> BUILT_IN_STATUS =
      Map.of("Deployment", true, "Service", true, "NetworkPolicy", false, "ConfigMap", false);

  /** CRD schemas by group/plural and version, as the API server serves them. */
  private final Map<String, JsonNode> crdSchemas = new ConcurrentHashMap<>();

  private final Map<String, Boolean> crdStatus = new ConcurrentHashMap<>();
  private int nextClusterIp = 1;

  /**
   * The object as kube-apiserver would store it, given what is stored now (null on create) and what
   * the mock made of the request; {@link Optional#empty()} when the update changes nothing.
   */
  public synchronized Optional<String> store(String path, String existing, String incoming) {
    ObjectNode next = parse(incoming);
    ObjectNode old = existing == null ? null : parse(existing);
    String kind = next.path("kind").asText();
    boolean statusPath = path.endsWith("/status");
    if (kind.equals("CustomResourceDefinition")) {
      remember(next);
    }
    boolean custom = !BUILT_IN_STATUS.containsKey(kind);
    Optional<JsonNode> schema = custom ? schemaOf(next) : Optional.empty();
    if (custom && schema.isEmpty()) {
      return Optional.of(incoming); // a kind none of these rules is about (Events, Leases, CRDs)
    }
    boolean statusSubresource = custom ? statusSubresource(next) : BUILT_IN_STATUS.get(kind);
    if (old != null && statusSubresource && !statusPath) {
      restore(next, old, "status");
    }
    if (old != null && statusPath) {
      restore(next, old, "spec");
    }
    if (custom) {
      schema.ifPresent(s -> StructuralSchema.apply(next, s));
    } else {
      BuiltInDefaults.apply(kind, next);
    }
    if (kind.equals("Service")) {
      allocateClusterIp(next, old);
    }
    if (old == null && statusSubresource && !custom) {
      next.putObject("status"); // the strategies' PrepareForCreate reset status to its zero value
    }
    generation(kind, custom, next, old, statusPath);
    if (old != null && sameApartFromVersion(old, next)) {
      return Optional.empty();
    }
    return Optional.of(next.toString());
  }

  private void generation(
      String kind, boolean custom, ObjectNode next, ObjectNode old, boolean statusPath) {
    ObjectNode meta = (ObjectNode) next.path("metadata");
    boolean tracked = custom || kind.equals("Deployment") || kind.equals("NetworkPolicy");
    if (!tracked) {
      // kube-apiserver sets none; the mock's handlers need one on every stored object
      // (KubernetesCrudPersistence.preserveMetadata), so it stays 1 and never moves.
      meta.put("generation", 1);
      return;
    }
    if (old == null) {
      meta.put("generation", 1);
      return;
    }
    long before = old.path("metadata").path("generation").asLong(1);
    boolean changed;
    if (statusPath) {
      changed = false;
    } else if (custom) {
      changed = !Objects.equals(withoutMetadataAndStatus(old), withoutMetadataAndStatus(next));
    } else if (kind.equals("Deployment")) {
      changed =
          !Objects.equals(old.get("spec"), next.get("spec"))
              || !Objects.equals(
                  old.path("metadata").get("annotations"),
                  next.path("metadata").get("annotations"));
    } else {
      changed = !Objects.equals(old.get("spec"), next.get("spec"));
    }
    meta.put("generation", changed ? before + 1 : before);
  }

  private static JsonNode withoutMetadataAndStatus(ObjectNode o) {
    ObjectNode copy = o.deepCopy();
    copy.remove("metadata");
    copy.remove("status");
    return copy;
  }

  private void allocateClusterIp(ObjectNode next, ObjectNode old) {
    ObjectNode spec = (ObjectNode) next.path("spec");
    if (spec.isMissingNode()) {
      return;
    }
    for (String field : new String[] {"clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"}) {
      if (!spec.has(field) && old != null && old.path("spec").has(field)) {
        spec.set(field, old.path("spec").get(field).deepCopy());
      }
    }
    if (!spec.has("clusterIP")) {
      spec.put("clusterIP", "10.96." + (nextClusterIp / 250) + "." + (nextClusterIp % 250 + 2));
      nextClusterIp++;
    }
    if (!spec.has("clusterIPs")) {
      spec.putArray("clusterIPs").add(spec.get("clusterIP").asText());
    }
    if (!spec.has("ipFamilies")) {
      spec.putArray("ipFamilies").add("IPv4");
    }
    if (!spec.has("ipFamilyPolicy")) {
      spec.put("ipFamilyPolicy", "SingleStack");
    }
  }

  private static boolean sameApartFromVersion(ObjectNode old, ObjectNode next) {
    ObjectNode a = old.deepCopy();
    ObjectNode b = next.deepCopy();
    ((ObjectNode) a.path("metadata")).remove("resourceVersion");
    ((ObjectNode) b.path("metadata")).remove("resourceVersion");
    // as stored text, read back: a number is then a number, whatever node type built it
    return parse(a.toString()).equals(parse(b.toString()));
  }

  private static void restore(ObjectNode next, ObjectNode old, String field) {
    if (old.has(field)) {
      next.set(field, old.get(field).deepCopy());
    } else {
      next.remove(field);
    }
  }

  private void remember(ObjectNode crd) {
    JsonNode spec = crd.path("spec");
    for (JsonNode version : spec.path("versions")) {
      String key =
          key(
              spec.path("group").asText(),
              version.path("name").asText(),
              spec.path("names").path("kind").asText());
      crdSchemas.put(key, version.path("schema").path("openAPIV3Schema"));
      crdStatus.put(key, version.path("subresources").has("status"));
    }
  }

  private static String key(String group, String version, String kind) {
    return group + "/" + version + "/" + kind;
  }

  /** group/version/kind of a resource, from its apiVersion and kind. */
  private static String keyOf(ObjectNode resource) {
    String apiVersion = resource.path("apiVersion").asText();
    int slash = apiVersion.indexOf('/');
    return key(
        slash < 0 ? "" : apiVersion.substring(0, slash),
        apiVersion.substring(slash + 1),
        resource.path("kind").asText());
  }

  private Optional<JsonNode> schemaOf(ObjectNode resource) {
    return Optional.ofNullable(crdSchemas.get(keyOf(resource)));
  }

  private boolean statusSubresource(ObjectNode resource) {
    return crdStatus.getOrDefault(keyOf(resource), false);
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
