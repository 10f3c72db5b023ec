package io.peaktrade.watch.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import java.util.ArrayList;
import java.util.List;

/**
 * No-live layer 4, in one place for every demo pod: non-root, read-only root filesystem, no
 * privilege escalation, all capabilities dropped, seccomp RuntimeDefault, bounded resources, and
 * the environment that marks the process as no-live.
 */
public final class PodHardening {

  public static final long UID = 65532;
  public static final String TMP_VOLUME = "tmp";

  private PodHardening() {}

  public static PodSecurityContext podSecurity() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(UID)
        .withRunAsGroup(UID)
        .withFsGroup(UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  public static SecurityContext containerSecurity() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withReadOnlyRootFilesystem(true)
        .withAllowPrivilegeEscalation(false)
        .withPrivileged(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  public static ResourceRequirements resources(ExecutionWatchDemoSpec spec) {
    if (spec.resources != null) {
      return spec.resources;
    }
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("10m"))
        .addToRequests("memory", new Quantity("96Mi"))
        .addToLimits("memory", new Quantity("192Mi"))
        .build();
  }

  /**
   * Environment of every demo container: the no-live marker, JVM limits, and the user's extra
   * variables.
   */
  public static List<EnvVar> env(ExecutionWatchDemo demo) {
    List<EnvVar> env = new ArrayList<>();
    env.add(var("PEAK_TRADE_NO_LIVE", "true"));
    env.add(
        var("JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC -XX:MaxRAMPercentage=60 -Djava.io.tmpdir=/tmp"));
    for (ExecutionWatchDemoSpec.EnvVarSpec e : demo.getSpec().extraEnv) {
      env.add(var(e.name, e.value == null ? "" : e.value));
    }
    return env;
  }

  public static EnvVar var(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  /** A container of the exporter CLI with the hardening, resources and env applied. */
  public static ContainerBuilder container(
      ExecutionWatchDemo demo, String name, List<String> args) {
    ExecutionWatchDemoSpec spec = demo.getSpec();
    return new ContainerBuilder()
        .withName(name)
        .withImage(spec.exporter.image)
        .withImagePullPolicy(spec.exporter.imagePullPolicy.name())
        .withArgs(args)
        .withEnv(env(demo))
        .withResources(resources(spec))
        .withSecurityContext(containerSecurity())
        .addToVolumeMounts(mount(TMP_VOLUME, "/tmp"));
  }

  public static VolumeMount mount(String volume, String path) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
  }

  /**
   * A one-replica Deployment of a demo component whose pod carries the hardening: no
   * service-account token, no service links, the pod security context; {@code /tmp} (and any extra
   * volume) on emptyDirs.
   */
  public static DeploymentBuilder deployment(
      ExecutionWatchDemo demo,
      Component c,
      List<Container> init,
      List<Container> containers,
      String... extraVolumes) {
    List<Volume> volumes = new ArrayList<>();
    for (String v : extraVolumes) {
      volumes.add(emptyDir(v));
    }
    volumes.add(emptyDir(TMP_VOLUME));
    return new DeploymentBuilder()
        .withMetadata(DemoObjects.metadata(demo, c))
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .withMatchLabels(DemoObjects.selector(demo, c))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(DemoObjects.labels(demo, c))
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(podSecurity())
        .withInitContainers(init)
        .withContainers(containers)
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .endSpec();
  }

  private static Volume emptyDir(String name) {
    return new VolumeBuilder()
        .withName(name)
        .withNewEmptyDir()
        .withSizeLimit(new Quantity("64Mi"))
        .endEmptyDir()
        .build();
  }

  /** Liveness and readiness on a port's /healthz. */
  public static Container withProbes(Container c, Ports port) {
    Probe probe =
        new ProbeBuilder()
            .withNewHttpGet()
            .withPath("/healthz")
            .withNewPort(port.portName())
            .endHttpGet()
            .withPeriodSeconds(10)
            .withTimeoutSeconds(2)
            .withFailureThreshold(3)
            .build();
    c.setReadinessProbe(probe);
    c.setLivenessProbe(new ProbeBuilder(probe).withInitialDelaySeconds(10).build());
    return c;
  }
}
