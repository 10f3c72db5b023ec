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
import io.peaktrade.watch.operator.runtime.OperatorSettings;
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

  /**
   * OpenShift's default SCC restricted-v2 (OpenShift 4.11+; its kubernetes.io/description:
   * "requires pods to be run with a UID, and SELinux context that are allocated to the namespace",
   * runAsUser MustRunAsRange, fsGroup MustRunAs from the namespace's openshift.io/sa.scc.uid-range,
   * drop ALL capabilities, no privilege escalation, seccomp runtime/default): the checks on top of
   * the restricted profile that concern a fixed identity. A pod may fix a UID or fsGroup only
   * inside the namespace's range, which a chart cannot know: it must leave them to the platform.
   */
  static List<String> restrictedV2Violations(
      String what, PodSpec pod, long rangeStart, long rangeSize) {
    List<String> v = new ArrayList<>(violations(what, pod));
    java.util.function.LongPredicate inRange =
        id -> id >= rangeStart && id < rangeStart + rangeSize;
    var podSc = Optional.ofNullable(pod.getSecurityContext());
    podSc
        .map(s -> s.getRunAsUser())
        .filter(uid -> !inRange.test(uid))
        .ifPresent(
            uid -> v.add(what + ": runAsUser " + uid + " outside the namespace's UID range"));
    podSc
        .map(s -> s.getFsGroup())
        .filter(gid -> !inRange.test(gid))
        .ifPresent(gid -> v.add(what + ": fsGroup " + gid + " outside the namespace's range"));
    List<Container> all = new ArrayList<>(pod.getInitContainers());
    all.addAll(pod.getContainers());
    for (Container c : all) {
      Optional.ofNullable(c.getSecurityContext())
          .map(SecurityContext::getRunAsUser)
          .filter(uid -> !inRange.test(uid))
          .ifPresent(
              uid -> v.add(what + "/" + c.getName() + ": runAsUser " + uid + " outside the range"));
    }
    return v;
  }

  /** A namespace's range as OpenShift allocates them (openshift.io/sa.scc.uid-range). */
  private static final long OPENSHIFT_RANGE_START = 1000650000L;

  private static final long OPENSHIFT_RANGE_SIZE = 10000;

  @Test
  void withUidsLeftToThePlatformEveryPodPassesOpenShiftsRestrictedV2() {
    Map<String, Object> assigned = new java.util.HashMap<>();
    assigned.put("demo.enabled", "true");
    assigned.put("podSecurityContext.runAsUser", "null");
    assigned.put("podSecurityContext.runAsGroup", "null");
    assigned.put("demoPods.uid", "null");
    var objects = Chart.render(assigned);
    Deployment operator = Chart.one(objects, Deployment.class);
    Pod test = Chart.one(objects, Pod.class);
    assertThat(
            restrictedV2Violations(
                "operator",
                operator.getSpec().getTemplate().getSpec(),
                OPENSHIFT_RANGE_START,
                OPENSHIFT_RANGE_SIZE))
        .isEmpty();
    assertThat(
            restrictedV2Violations(
                "helm test", test.getSpec(), OPENSHIFT_RANGE_START, OPENSHIFT_RANGE_SIZE))
        .isEmpty();
    String uid =
        operator.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
            .filter(e -> e.getName().equals("DEMO_POD_UID"))
            .findFirst()
            .orElseThrow()
            .getValue();
    assertThat(uid).isEmpty();
    WorkloadConfig config =
        OperatorSettings.fromEnvironment(Map.of("DEMO_POD_UID", uid)).workloads();
    ExecutionWatchDemo demo = demo();
    for (Deployment d :
        List.of(
            ExporterWorkload.deployment(demo, config),
            ShadowMvsWorkload.deployment(demo, config))) {
      assertThat(
              restrictedV2Violations(
                  d.getMetadata().getName(),
                  d.getSpec().getTemplate().getSpec(),
                  OPENSHIFT_RANGE_START,
                  OPENSHIFT_RANGE_SIZE))
          .isEmpty();
    }
  }

  /** The defaults fix 65532, which restricted-v2 refuses: why the values exist. */
  @Test
  void theDefaultFixedUidIsWhatRestrictedV2Refuses() {
    var objects = Chart.render(Map.of("demo.enabled", "true"));
    Deployment operator = Chart.one(objects, Deployment.class);
    assertThat(
            restrictedV2Violations(
                "operator",
                operator.getSpec().getTemplate().getSpec(),
                OPENSHIFT_RANGE_START,
                OPENSHIFT_RANGE_SIZE))
        .anyMatch(s -> s.contains("runAsUser 65532"));
    assertThat(
            restrictedV2Violations(
                "exporter",
                ExporterWorkload.deployment(demo(), WorkloadConfig.defaults())
                    .getSpec()
                    .getTemplate()
                    .getSpec(),
                OPENSHIFT_RANGE_START,
                OPENSHIFT_RANGE_SIZE))
        .anyMatch(s -> s.contains("fsGroup 65532"));
    // a UID inside the namespace's range, set explicitly, is admitted
    Map<String, Object> inRange = new java.util.HashMap<>();
    inRange.put("podSecurityContext.runAsUser", String.valueOf(OPENSHIFT_RANGE_START + 5));
    inRange.put("podSecurityContext.runAsGroup", "null");
    Deployment pinned = Chart.one(Chart.render(inRange), Deployment.class);
    assertThat(pinned.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
        .isEqualTo(OPENSHIFT_RANGE_START + 5);
  }

  private static ExecutionWatchDemo demo() {
    ExecutionWatchDemo demo = new ExecutionWatchDemo();
    demo.setMetadata(
        new ObjectMetaBuilder().withName("demo").withNamespace("peaktrade").withUid("u").build());
    demo.setSpec(new ExecutionWatchDemoSpec());
    return demo;
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
