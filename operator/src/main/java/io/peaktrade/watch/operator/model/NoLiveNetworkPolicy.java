package io.peaktrade.watch.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import java.util.Arrays;
import java.util.List;

/**
 * No-live layer 3: every demo pod may be scraped on its metrics/API ports and may reach nothing at
 * all (egress is a declared policy type with no rule: deny all, DNS included).
 */
public final class NoLiveNetworkPolicy {

  private NoLiveNetworkPolicy() {}

  public static NetworkPolicy desired(ExecutionWatchDemo demo) {
    List<NetworkPolicyPort> ports =
        Arrays.stream(Ports.values())
            .map(
                p ->
                    new NetworkPolicyPortBuilder()
                        .withProtocol("TCP")
                        .withPort(new IntOrString(p.number()))
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
        .withPorts(ports)
        .endIngress()
        .withEgress(List.of())
        .endSpec()
        .build();
  }
}
