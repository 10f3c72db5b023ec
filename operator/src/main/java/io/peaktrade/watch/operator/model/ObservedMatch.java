package io.peaktrade.watch.operator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether an object in the cluster is what the operator built, for the parts no-live depends on.
 * Exact, not "contains": anything added (an egress rule, a container, hostNetwork, envFrom, a
 * volume) is a difference. Only values the API server writes as defaults are treated as equal, on
 * both sides alike; quantities are built in the form it stores them ({@link CanonicalQuantity}).
 */
public final class ObservedMatch {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  /** Pod fields that decide what runs, with what identity, and what it can reach or read. */
  private static final List<String> POD_FIELDS =
      List.of(
          "containers",
          "initContainers",
          "ephemeralContainers",
          "volumes",
          "hostNetwork",
          "hostPID",
          "hostIPC",
          "hostUsers",
          "shareProcessNamespace",
          "serviceAccountName",
          "serviceAccount",
          "automountServiceAccountToken",
          "imagePullSecrets",
          "securityContext",
          "enableServiceLinks",
          "runtimeClassName",
          "hostAliases",
          "dnsConfig",
          "nodeName");

  /** Container fields that decide what a container runs and can reach. */
  private static final List<String> CONTAINER_FIELDS =
      List.of(
          "name",
          "image",
          "command",
          "args",
          "env",
          "envFrom",
          "volumeMounts",
          "volumeDevices",
          "ports",
          "securityContext",
          "resources",
          "lifecycle",
          "livenessProbe",
          "readinessProbe",
          "startupProbe",
          "workingDir",
          "restartPolicy");

  /** Values the API server fills in when a field is absent: absent and default are equal. */
  private static final Map<String, JsonNode> DEFAULTS =
      Map.of(
          "hostNetwork", JsonNodeFactory.instance.booleanNode(false),
          "hostPID", JsonNodeFactory.instance.booleanNode(false),
          "hostIPC", JsonNodeFactory.instance.booleanNode(false),
          "shareProcessNamespace", JsonNodeFactory.instance.booleanNode(false),
          "protocol", JsonNodeFactory.instance.textNode("TCP"),
          "scheme", JsonNodeFactory.instance.textNode("HTTP"),
          "successThreshold", JsonNodeFactory.instance.numberNode(1),
          "timeoutSeconds", JsonNodeFactory.instance.numberNode(1),
          "periodSeconds", JsonNodeFactory.instance.numberNode(10),
          "failureThreshold", JsonNodeFactory.instance.numberNode(3));

  private ObservedMatch() {}

  /** The policy in the cluster has exactly the desired spec (no rule added, none changed). */
  public static boolean networkPolicyExact(NetworkPolicy desired, @Nullable NetworkPolicy actual) {
    return actual != null
        && Objects.equals(normalized(desired.getSpec()), normalized(actual.getSpec()));
  }

  /**
   * The Deployment in the cluster runs exactly the desired pods: replicas, selector, pod labels
   * (the NetworkPolicy selects by them) and every security-relevant field of the pod template.
   */
  public static boolean workloadExact(Deployment desired, @Nullable Deployment actual) {
    return actual != null && Objects.equals(projection(desired), projection(actual));
  }

  static @Nullable JsonNode projection(Deployment d) {
    JsonNode spec = JSON.convertValue(d.getSpec(), JsonNode.class);
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.set("replicas", spec.get("replicas"));
    p.set("selector", spec.get("selector"));
    p.set("labels", spec.path("template").path("metadata").get("labels"));
    JsonNode pod = spec.path("template").path("spec");
    ObjectNode podP = p.putObject("pod");
    for (String f : POD_FIELDS) {
      JsonNode v = pod.get(f);
      if (v != null && List.of("containers", "initContainers", "ephemeralContainers").contains(f)) {
        ArrayNode list = podP.putArray(f);
        v.forEach(c -> list.add(pick(c, CONTAINER_FIELDS)));
      } else {
        podP.set(f, v);
      }
    }
    return normalize(p);
  }

  private static ObjectNode pick(JsonNode o, List<String> fields) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    fields.forEach(f -> r.set(f, o.get(f)));
    return r;
  }

  static @Nullable JsonNode normalized(@Nullable Object o) {
    return normalize(JSON.convertValue(o, JsonNode.class));
  }

  /**
   * Drops nulls, empty lists, empty objects held by a field, and default values. An empty object
   * inside a list stays: {@code egress: [{}]} allows everything.
   */
  static @Nullable JsonNode normalize(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      for (JsonNode e : n) {
        JsonNode v = normalize(e);
        a.add(v == null ? JsonNodeFactory.instance.objectNode() : v);
      }
      return a.isEmpty() ? null : a;
    }
    if (n.isObject()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      List<String> names = new ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      for (String k : names) {
        JsonNode v = normalize(n.get(k));
        if (v == null || (v.isObject() && v.isEmpty()) || v.equals(DEFAULTS.get(k))) {
          continue;
        }
        o.set(k, v);
      }
      return o;
    }
    return n;
  }
}
