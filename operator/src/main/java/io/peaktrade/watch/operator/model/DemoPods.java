package io.peaktrade.watch.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
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
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.peaktrade.watch.contracts.ScrapeTarget;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec.ResourcesSpec;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import java.util.ArrayList;
import java.util.List;

/**
 * Every demo pod, built in one place with no-live layer 4 applied: the operator's image (with its
 * own JVM options), non-root, read-only root filesystem, no privilege escalation, all capabilities
 * dropped, seccomp RuntimeDefault, no service-account token, bounded resources with limits. Nothing
 * of the CR reaches a container but label tokens, numbers and switches the callers put into args.
 */
public final class DemoPods {

  public static final String TMP_VOLUME = "tmp";

  private DemoPods() {}

  /**
   * Non-root always; the UID, GID and fsGroup the operator's configuration names, or none where the
   * platform assigns them.
   */
  public static PodSecurityContext podSecurity(WorkloadConfig config) {
    PodSecurityContextBuilder b = new PodSecurityContextBuilder().withRunAsNonRoot(true);
    config.podUid().ifPresent(uid -> b.withRunAsUser(uid).withRunAsGroup(uid).withFsGroup(uid));
    return b.withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
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

  /**
   * Requests and limits for CPU and memory, always both, from the spec's bounded numbers, in the
   * form the API server stores them ({@link CanonicalQuantity}: 1000 millicores is "1"), so that
   * what the cluster returns equals what was built.
   */
  public static ResourceRequirements resources(ResourcesSpec r) {
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(CanonicalQuantity.millicores(r.cpuRequestMillicores)))
        .addToRequests("memory", new Quantity(CanonicalQuantity.mebibytes(r.memoryRequestMiB)))
        .addToLimits("cpu", new Quantity(CanonicalQuantity.millicores(r.cpuLimitMillicores)))
        .addToLimits("memory", new Quantity(CanonicalQuantity.mebibytes(r.memoryLimitMiB)))
        .build();
  }

  /**
   * The environment of every demo container: the no-live marker. The JVM options are the image's
   * (its exporter/jvm.options), so no variable here carries or could replace them.
   */
  static List<EnvVar> env() {
    return new ArrayList<>(List.of(var("PEAK_TRADE_NO_LIVE", "true")));
  }

  public static EnvVar var(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  /** A container of the exporter CLI (the configured image) with the hardening applied. */
  public static ContainerBuilder container(
      ExecutionWatchDemo demo, WorkloadConfig config, String name, List<String> args) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(config.exporterImage())
        .withImagePullPolicy(config.imagePullPolicy())
        .withArgs(args)
        .withEnv(env())
        .withResources(resources(demo.getSpec().resources))
        .withSecurityContext(containerSecurity())
        .withTerminationMessagePath("/dev/termination-log")
        .withTerminationMessagePolicy("File")
        .addToVolumeMounts(mount(TMP_VOLUME, "/tmp"));
  }

  /** A container that serves on one of the contract's ports, probed on its /healthz. */
  public static Container serving(ContainerBuilder c, ScrapeTarget port) {
    Probe probe =
        new ProbeBuilder()
            .withNewHttpGet()
            .withPath("/healthz")
            .withNewPort(port.portName())
            .withScheme("HTTP")
            .endHttpGet()
            .withPeriodSeconds(10)
            .withTimeoutSeconds(2)
            .withSuccessThreshold(1)
            .withFailureThreshold(3)
            .build();
    return c.addToPorts(
            new ContainerPortBuilder()
                .withName(port.portName())
                .withContainerPort(port.port())
                .withProtocol("TCP")
                .build())
        .withReadinessProbe(probe)
        .withLivenessProbe(new ProbeBuilder(probe).withInitialDelaySeconds(10).build())
        .build();
  }

  public static VolumeMount mount(String volume, String path) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
  }

  /**
   * A Deployment of a demo component whose pod carries the hardening: no service-account token, no
   * service links, the pod security context; {@code /tmp} (and any extra volume) on emptyDirs. One
   * replica; the Deployment dependents scale it to zero while the no-live NetworkPolicy is not in
   * place exactly. Recreate: a new pod never runs beside the old one (the exporter's starts on a
   * fresh event file; a demo is one replica of each part, never two).
   */
  public static Deployment deployment(
      ExecutionWatchDemo demo,
      WorkloadConfig config,
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
        .withImagePullSecrets(
            config.imagePullSecrets().isEmpty()
                ? null
                : config.imagePullSecrets().stream().map(s -> new LocalObjectReference(s)).toList())
        .withSecurityContext(podSecurity(config))
        .withInitContainers(init)
        .withContainers(containers)
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .withNewStrategy()
        .withType("Recreate")
        .endStrategy()
        .endSpec()
        .build();
  }

  /** The same Deployment with its replica count set (the no-live gate's decision). */
  public static Deployment withReplicas(Deployment d, int replicas) {
    return new DeploymentBuilder(d).editSpec().withReplicas(replicas).endSpec().build();
  }

  private static Volume emptyDir(String name) {
    return new VolumeBuilder()
        .withName(name)
        .withNewEmptyDir()
        .withSizeLimit(new Quantity(CanonicalQuantity.mebibytes(64)))
        .endEmptyDir()
        .build();
  }
}
