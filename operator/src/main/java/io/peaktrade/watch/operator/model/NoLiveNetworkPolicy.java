package io.peaktrade.watch.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.peaktrade.watch.contracts.ScrapeTarget;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import java.util.Arrays;
import java.util.List;

/**
 * No-live layer 3: a demo's pods may reach nothing at all (egress is a declared policy type with no
 * rule: deny all, DNS included) and may be reached only on the contract's ports, only from pods in
 * the namespaces where Prometheus runs. The workloads run only while this policy is in the cluster
 * exactly as built here ({@link ObservedMatch#networkPolicyExact}).
 */
public final class NoLiveNetworkPolicy {

  /** The label every namespace carries with its own name (Kubernetes sets it, immutable). */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private NoLiveNetworkPolicy() {}

  public static NetworkPolicy desired(ExecutionWatchDemo demo, WorkloadConfig config) {
    List<NetworkPolicyPort> ports =
        Arrays.stream(ScrapeTarget.values())
            .map(
                p ->
                    new NetworkPolicyPortBuilder()
                        .withProtocol("TCP")
                        .withPort(new IntOrString(p.port()))
                        .build())
            .toList();
    return new NetworkPolicyBuilder()
        .withMetadata(DemoObjects.metadata(demo, Component.NETWORK_POLICY))
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(DemoObjects.instanceSelector(demo))
        .endPodSelector()
        .withPolicyTypes("Ingress", "Egress")
        .addNewIngress()
        .withFrom(
            new NetworkPolicyPeerBuilder()
                .withNewNamespaceSelector()
                .addNewMatchExpression()
                .withKey(NAMESPACE_NAME_LABEL)
                .withOperator("In")
                .withValues(config.prometheusNamespaces())
                .endMatchExpression()
                .endNamespaceSelector()
                .build())
        .withPorts(ports)
        .endIngress()
        .withEgress(List.of())
        .endSpec()
        .build();
  }
}
