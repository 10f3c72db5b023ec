package io.peaktrade.watch.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.reconciler.EventRecorder;
import io.peaktrade.watch.operator.reconciler.ExecutionWatchDemoReconciler;
import io.peaktrade.watch.operator.reconciler.Ownership;
import io.peaktrade.watch.operator.runtime.OperatorMetrics;
import io.peaktrade.watch.operator.runtime.OperatorSettings;
import io.peaktrade.watch.operator.runtime.WatchHealth;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator as configured for production and for the tests alike: one controller for
 * ExecutionWatchDemo, watching the configured namespaces, optionally behind a Lease.
 *
 * <p>Server-side apply is off, by decision: owned objects are compared client-side and written as
 * whole objects (PUT with the cached resourceVersion). An apply removes a field only when no other
 * field manager owns it (kubernetes.io/docs/reference/using-api/server-side-apply, "Field
 * management"), so a container or {@code hostNetwork} another manager added (a webhook, {@code
 * kubectl edit}) would survive every apply, and no-live layer 3 (drift put back exactly) could not
 * hold; an update replaces the spec. It is also what every test tier can run: the fabric8 mock API
 * server has no server-side apply. Quantities are built in the API server's canonical form, so the
 * comparison finds no difference in the steady state.
 */
public final class ExecutionWatchOperator {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionWatchOperator.class);

  /**
   * How long start-up waits for the informers' first sync. Not fatal when it passes: an informer
   * that cannot sync (a namespace it may not read) leaves the rest running and shows on /readyz.
   */
  static final Duration CACHE_SYNC_TIMEOUT = Duration.ofSeconds(10);

  /** Reconciles (and workflow steps) run at once. */
  static final int RECONCILE_THREADS = 8;

  private final Operator operator;
  private final AtomicBoolean stopping = new AtomicBoolean();

  public ExecutionWatchOperator(
      KubernetesClient client, OperatorSettings settings, PrometheusRegistry registry) {
    OperatorMetrics metrics = new OperatorMetrics(registry);
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withMetrics(metrics)
                  // java-operator-sdk's default is 50 threads each for reconciles and workflow
                  // steps: on a pod of one or two cores they add stack memory (~20 MiB RSS at 200
                  // demos, docs/benchmarks.md), not throughput.
                  .withConcurrentReconciliationThreads(RECONCILE_THREADS)
                  .withConcurrentWorkflowExecutorThreads(RECONCILE_THREADS)
                  // One namespace the operator cannot watch (deleted, its Role revoked) must not
                  // stop the others: start anyway, report it on /readyz and in a gauge, and never
                  // exit for it.
                  .withStopOnInformerErrorDuringStartup(false)
                  .withCacheSyncTimeout(CACHE_SYNC_TIMEOUT)
                  .withInformerStoppedHandler(ExecutionWatchOperator::informerStopped)
                  .withCloseClientOnStop(false);
              if (settings.leaderElection()) {
                // Not java-operator-sdk's exit-on-stop-leading: that calls System.exit from inside
                // our own
                // shutdown hook on a graceful stop, which blocks forever. A lost lease still ends
                // the process.
                o.withLeaderElectionConfiguration(
                    LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                            OperatorSettings.LEASE_NAME)
                        .withLeaseNamespace(settings.leaseNamespace())
                        .withExitOnStopLeading(false)
                        .withLeaderCallbacks(
                            new LeaderCallbacks(
                                () ->
                                    LOG.info(
                                        "Became leader (Lease {}/{}).",
                                        settings.leaseNamespace(),
                                        OperatorSettings.LEASE_NAME),
                                this::leadershipLost,
                                leader -> LOG.info("Current leader: {}", leader)))
                        .build());
              }
            });
    WatchHealth watches = new WatchHealth(operator);
    GaugeWithCallback.builder()
        .name("execution_watch_operator_watch_unhealthy")
        .help(
            "1 for each namespace the operator cannot watch right now (deleted, Role revoked, API"
                + " server unreachable); (all) when watching all namespaces")
        .labelNames("namespace")
        .callback(
            cb ->
                watches.unhealthy().keySet().forEach(ns -> cb.call(1, ns.isEmpty() ? "(all)" : ns)))
        .register(registry);
    OperatorMetrics.registerReady(
        registry, () -> operator.getRuntimeInfo().isStarted() && watches.unhealthy().isEmpty());
    operator.register(
        new ExecutionWatchDemoReconciler(
            new EventRecorder(client, Clock.systemUTC()),
            Clock.systemUTC(),
            settings.workloads(),
            metrics,
            new Ownership(
                settings.instance(),
                settings.ownershipRenewAfter(),
                settings.ownershipTakeoverAfter(),
                Clock.systemUTC(),
                System::nanoTime)),
        c -> {
          c.withReconciliationMaxInterval(settings.resyncInterval());
          if (settings.allNamespaces()) {
            c.watchingAllNamespaces();
          } else {
            c.settingNamespaces(settings.namespaces());
          }
        });
  }

  private static void informerStopped(SharedIndexInformer<?> informer, Throwable error) {
    if (error != null) {
      LOG.error(
          "Stopped watching {}: {}. Demos there are not reconciled until the operator restarts"
              + " (kubectl rollout restart deployment); the other namespaces go on. Check that the"
              + " namespace exists and the operator's Role there.",
          informer,
          error.getMessage());
    }
  }

  private void leadershipLost() {
    if (!stopping.get()) {
      LOG.error(
          "Lost the leader Lease {}: another replica reconciles now. Exiting so that Kubernetes"
              + " restarts this pod as a standby.",
          OperatorSettings.LEASE_NAME);
      System.exit(1);
    }
  }

  public void start() {
    operator.start();
  }

  /** Graceful stop: informers and controller first; giving up the Lease here is expected. */
  public void stop() {
    stopping.set(true);
    operator.stop();
  }

  public Operator operator() {
    return operator;
  }

  /** The CRD name the operator needs installed before it starts. */
  public static String crdName() {
    return ExecutionWatchDemo.CRD_NAME;
  }
}
