package io.peaktrade.watch.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec;
import io.peaktrade.watch.operator.model.ExporterWorkload;
import io.peaktrade.watch.operator.model.ShadowMvsWorkload;
import io.peaktrade.watch.operator.model.WorkloadConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every pod of the project passes the Pod Security Standard "restricted" that hack/kind-e2e.sh
 * enforces on the demo namespace (the rules of Kubernetes' pod-security admission, checked here on
 * the objects the chart renders and the operator builds; the mock API server has no admission).
 */
class RestrictedPodSecurityTest {

  /** The restricted profile's checks; empty when the pod would be admitted. */
  static List<String> violations(String what, PodSpec pod) {
    List<String> v = new ArrayList<>();
    if (Boolean.TRUE.equals(pod.getHostNetwork())
        || Boolean.TRUE.equals(pod.getHostPID())
        || Boolean.TRUE.equals(pod.getHostIPC())) {
      v.add(what + ": host namespaces");
    }
    pod.getVolumes()
        .forEach(
            vol -> {
              if (vol.getEmptyDir() == null
                  && vol.getConfigMap() == null
                  && vol.getSecret() == null
                  && vol.getProjected() == null
                  && vol.getDownwardAPI() == null
                  && vol.getPersistentVolumeClaim() == null
                  && vol.getEphemeral() == null) {
                v.add(what + ": volume type of " + vol.getName() + " not allowed");
              }
            });
    var podSc = Optional.ofNullable(pod.getSecurityContext());
    boolean podNonRoot = podSc.map(s -> Boolean.TRUE.equals(s.getRunAsNonRoot())).orElse(false);
    boolean podSeccomp =
        podSc
            .map(s -> s.getSeccompProfile())
            .map(p -> List.of("RuntimeDefault", "Localhost").contains(p.getType()))
            .orElse(false);
    if (podSc.map(s -> Long.valueOf(0).equals(s.getRunAsUser())).orElse(false)) {
      v.add(what + ": runAsUser 0");
    }
    List<Container> all = new ArrayList<>(pod.getInitContainers());
    all.addAll(pod.getContainers());
    for (Container c : all) {
      String where = what + "/" + c.getName();
      SecurityContext sc = c.getSecurityContext();
      if (sc == null) {
        v.add(where + ": no securityContext");
        continue;
      }
      if (Boolean.TRUE.equals(sc.getPrivileged())) {
        v.add(where + ": privileged");
      }
      if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
        v.add(where + ": allowPrivilegeEscalation must be false");
      }
      if (!(podNonRoot || Boolean.TRUE.equals(sc.getRunAsNonRoot()))
          || Boolean.FALSE.equals(sc.getRunAsNonRoot())) {
        v.add(where + ": runAsNonRoot");
      }
      if (Long.valueOf(0).equals(sc.getRunAsUser())) {
        v.add(where + ": runAsUser 0");
      }
      boolean seccomp =
          sc.getSeccompProfile() == null
              ? podSeccomp
              : List.of("RuntimeDefault", "Localhost").contains(sc.getSeccompProfile().getType());
      if (!seccomp) {
        v.add(where + ": seccompProfile RuntimeDefault or Localhost");
      }
      if (sc.getCapabilities() == null || !sc.getCapabilities().getDrop().contains("ALL")) {
        v.add(where + ": capabilities must drop ALL");
      } else if (!List.of("NET_BIND_SERVICE").containsAll(sc.getCapabilities().getAdd())) {
        v.add(where + ": capabilities may add only NET_BIND_SERVICE");
      }
      c.getPorts()
          .forEach(
              p -> {
                if (p.getHostPort() != null && p.getHostPort() != 0) {
                  v.add(where + ": hostPort");
                }
              });
    }
    return v;
  }

  @Test
  void theChartsPodsPassTheRestrictedProfile() {
    var objects = Chart.render(Map.of("demo.enabled", "true"));
    Deployment operator = Chart.one(objects, Deployment.class);
    assertThat(violations("operator", operator.getSpec().getTemplate().getSpec())).isEmpty();
    Pod test = Chart.one(objects, Pod.class);
    assertThat(violations("helm test", test.getSpec())).isEmpty();
  }

  @Test
  void theDemoPodsTheOperatorBuildsPassTheRestrictedProfile() {
    ExecutionWatchDemo demo = new ExecutionWatchDemo();
    demo.setMetadata(
        new ObjectMetaBuilder().withName("demo").withNamespace("peaktrade").withUid("u").build());
    demo.setSpec(new ExecutionWatchDemoSpec());
    WorkloadConfig config = WorkloadConfig.defaults();
    assertThat(
            violations(
                "exporter",
                ExporterWorkload.deployment(demo, config).getSpec().getTemplate().getSpec()))
        .isEmpty();
    assertThat(
            violations(
                "shadow-mvs",
                ShadowMvsWorkload.deployment(demo, config).getSpec().getTemplate().getSpec()))
        .isEmpty();
  }

  @Test
  void theCheckRefusesWhatAdmissionRefuses() {
    PodSpec bad =
        new PodSpecBuilder()
            .withHostNetwork(true)
            .addNewContainer()
            .withName("c")
            .withNewSecurityContext()
            .withPrivileged(true)
            .endSecurityContext()
            .endContainer()
            .addNewVolume()
            .withName("h")
            .withNewHostPath()
            .withPath("/")
            .endHostPath()
            .endVolume()
            .build();
    assertThat(violations("bad", bad))
        .anyMatch(s -> s.contains("host namespaces"))
        .anyMatch(s -> s.contains("privileged"))
        .anyMatch(s -> s.contains("volume type"))
        .anyMatch(s -> s.contains("allowPrivilegeEscalation"))
        .anyMatch(s -> s.contains("seccompProfile"))
        .anyMatch(s -> s.contains("capabilities"));
  }
}
