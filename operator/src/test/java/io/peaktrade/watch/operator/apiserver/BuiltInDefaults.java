package io.peaktrade.watch.operator.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.peaktrade.watch.operator.model.CanonicalQuantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The defaults kube-apiserver v1.31 fills into the built-in kinds the operator owns, on every
 * decode (create, update, the result of a patch, a read from etcd: apimachinery v0.31.0 {@code
 * runtime/serializer/versioning/versioning.go} runs the defaulter for each), and the canonical form
 * it stores quantities in. Each rule names its source in kubernetes/kubernetes v1.31.1:
 *
 * <ul>
 *   <li>{@code pkg/apis/apps/v1/defaults.go} SetDefaults_Deployment;
 *   <li>{@code pkg/apis/core/v1/defaults.go} SetDefaults_PodSpec, _Container, _Probe,
 *       _HTTPGetAction, _Volume, _ResourceList, _Service, _ObjectFieldSelector; a Deployment's
 *       template gets SetDefaults_PodSpec, not SetDefaults_Pod (so no requests copied from limits,
 *       no enableServiceLinks default: core/v1/defaults.go's comment on SetDefaults_Pod);
 *   <li>{@code pkg/apis/networking/v1/defaults.go} SetDefaults_NetworkPolicy, _NetworkPolicyPort;
 *   <li>quantities: apimachinery {@code pkg/api/resource/quantity.go} (stored with String(), so
 *       canonical: {@link CanonicalQuantity}); SetDefaults_ResourceList rounds up to milli-units.
 * </ul>
 */
final class BuiltInDefaults {

  private BuiltInDefaults() {}

  /** Fills in the defaults of a built-in object of this kind, in place. */
  static void apply(String kind, ObjectNode object) {
    ObjectNode spec = object.has("spec") ? (ObjectNode) object.get("spec") : null;
    switch (kind) {
      case "Deployment" -> deployment(spec);
      case "Service" -> service(spec);
      case "NetworkPolicy" -> networkPolicy(spec);
      default -> {} // ConfigMap: SetDefaults_ConfigMap's empty data map is invisible on the wire
    }
  }

  private static void deployment(ObjectNode spec) {
    if (spec == null) {
      return;
    }
    setIfAbsent(spec, "replicas", 1);
    ObjectNode strategy = object(spec, "strategy");
    setIfAbsent(strategy, "type", "RollingUpdate");
    if ("RollingUpdate".equals(strategy.path("type").asText())) {
      ObjectNode rolling = object(strategy, "rollingUpdate");
      setIfAbsent(rolling, "maxUnavailable", "25%");
      setIfAbsent(rolling, "maxSurge", "25%");
    }
    setIfAbsent(spec, "revisionHistoryLimit", 10);
    setIfAbsent(spec, "progressDeadlineSeconds", 600);
    ObjectNode template = object(spec, "template");
    // ObjectMeta.CreationTimestamp is a metav1.Time, marshalled as null when zero (apimachinery
    // v0.31 pkg/apis/meta/v1/time.go; omitzero only from v0.35).
    ObjectNode templateMeta = object(template, "metadata");
    if (!templateMeta.has("creationTimestamp")) {
      templateMeta.set("creationTimestamp", NullNode.instance);
    }
    podSpec(object(template, "spec"));
  }

  private static void podSpec(ObjectNode pod) {
    setIfAbsent(pod, "dnsPolicy", "ClusterFirst");
    setIfAbsent(pod, "restartPolicy", "Always");
    object(pod, "securityContext");
    setIfAbsent(pod, "terminationGracePeriodSeconds", 30);
    setIfAbsent(pod, "schedulerName", "default-scheduler");
    for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
      for (JsonNode c : pod.path(list)) {
        container((ObjectNode) c);
      }
    }
    for (JsonNode v : pod.path("volumes")) {
      volume((ObjectNode) v);
    }
    if (pod.has("overhead")) {
      quantities(pod.get("overhead"));
    }
  }

  private static void container(ObjectNode c) {
    String image = c.path("image").asText("");
    setIfAbsent(c, "imagePullPolicy", tagIsLatest(image) ? "Always" : "IfNotPresent");
    setIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
    setIfAbsent(c, "terminationMessagePolicy", "File");
    for (JsonNode p : c.path("ports")) {
      setIfAbsent((ObjectNode) p, "protocol", "TCP");
    }
    for (JsonNode e : c.path("env")) {
      JsonNode fieldRef = e.path("valueFrom").path("fieldRef");
      if (fieldRef instanceof ObjectNode ref) {
        setIfAbsent(ref, "apiVersion", "v1");
      }
    }
    JsonNode resources = c.path("resources");
    quantities(resources.path("limits"));
    quantities(resources.path("requests"));
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      if (c.get(probe) instanceof ObjectNode p) {
        setIfAbsent(p, "timeoutSeconds", 1);
        setIfAbsent(p, "periodSeconds", 10);
        setIfAbsent(p, "successThreshold", 1);
        setIfAbsent(p, "failureThreshold", 3);
        httpGet(p.get("httpGet"));
      }
    }
    JsonNode lifecycle = c.path("lifecycle");
    httpGet(lifecycle.path("postStart").get("httpGet"));
    httpGet(lifecycle.path("preStop").get("httpGet"));
  }

  private static void httpGet(JsonNode action) {
    if (action instanceof ObjectNode a) {
      setIfAbsent(a, "path", "/");
      setIfAbsent(a, "scheme", "HTTP");
    }
  }

  /**
   * SetDefaults_Container: Always for a tag "latest" (an image without tag or digest parses as
   * one), IfNotPresent otherwise.
   */
  static boolean tagIsLatest(String image) {
    String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    boolean hasTag = colon > slash;
    if (!hasTag) {
      return !image.contains("@");
    }
    return name.substring(colon + 1).equals("latest");
  }

  private static void volume(ObjectNode v) {
    boolean hasSource = false;
    var names = v.fieldNames();
    while (names.hasNext()) {
      if (!names.next().equals("name")) {
        hasSource = true;
      }
    }
    if (!hasSource) {
      v.putObject("emptyDir");
    }
    if (v.get("emptyDir") instanceof ObjectNode emptyDir && emptyDir.has("sizeLimit")) {
      emptyDir.put("sizeLimit", CanonicalQuantity.of(emptyDir.get("sizeLimit").asText()));
    }
    for (String source : List.of("secret", "configMap", "downwardAPI", "projected")) {
      if (v.get(source) instanceof ObjectNode s) {
        setIfAbsent(s, "defaultMode", 420);
      }
    }
  }

  private static void service(ObjectNode spec) {
    if (spec == null) {
      return;
    }
    setIfAbsent(spec, "sessionAffinity", "None");
    setIfAbsent(spec, "type", "ClusterIP");
    for (JsonNode p : spec.path("ports")) {
      ObjectNode port = (ObjectNode) p;
      setIfAbsent(port, "protocol", "TCP");
      JsonNode target = port.get("targetPort");
      if (target == null
          || target.isNull()
          || target.asText().isEmpty()
          || "0".equals(target.asText())) {
        port.set("targetPort", port.get("port"));
      }
    }
    if (List.of("ClusterIP", "NodePort", "LoadBalancer").contains(spec.path("type").asText())) {
      setIfAbsent(spec, "internalTrafficPolicy", "Cluster");
    }
  }

  private static void networkPolicy(ObjectNode spec) {
    if (spec == null) {
      return;
    }
    JsonNode types = spec.get("policyTypes");
    if (types == null || types.isNull() || types.isEmpty()) {
      ArrayNode t = spec.putArray("policyTypes");
      t.add("Ingress");
      if (spec.path("egress").size() > 0) {
        t.add("Egress");
      }
    }
    for (String direction : List.of("ingress", "egress")) {
      for (JsonNode rule : spec.path(direction)) {
        for (JsonNode port : rule.path("ports")) {
          setIfAbsent((ObjectNode) port, "protocol", "TCP");
        }
      }
    }
  }

  /** A map of quantities in stored form: rounded up to milli-units, then canonical. */
  private static void quantities(JsonNode map) {
    if (map instanceof ObjectNode m) {
      List<String> names = new ArrayList<>();
      m.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        m.put(name, canonical(m.get(name).asText()));
      }
    }
  }

  /**
   * SetDefaults_ResourceList's RoundUp(-3) (a value finer than milli-units goes up to the next
   * milli-unit), then the stored, canonical spelling. Only values below a milli-unit's precision
   * change, and those print as decimal whatever their suffix, so the plain number stands in.
   */
  private static String canonical(String quantity) {
    BigDecimal value = Quantity.getAmountInBytes(new Quantity(quantity));
    if (value.stripTrailingZeros().scale() > 3) {
      return CanonicalQuantity.of(value.setScale(3, RoundingMode.UP).toPlainString());
    }
    return CanonicalQuantity.of(quantity);
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(field);
  }

  private static void setIfAbsent(ObjectNode o, String field, String value) {
    if (!o.hasNonNull(field)) {
      o.put(field, value);
    }
  }

  private static void setIfAbsent(ObjectNode o, String field, int value) {
    if (!o.hasNonNull(field)) {
      o.put(field, value);
    }
  }
}
