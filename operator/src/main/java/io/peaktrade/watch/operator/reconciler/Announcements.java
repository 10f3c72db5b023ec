package io.peaktrade.watch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the reconciler says about a demo, in the log and as Events on it, once per change rather
 * than on every reconcile: a claim or takeover, an overlap with another operator instance, a
 * condition turning False.
 */
final class Announcements {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionWatchDemoReconciler.class);

  private final EventRecorder events;
  private final Ownership ownership;

  /** Demos (by uid) another instance owns that this one has said so about, with that owner. */
  private final Map<String, String> leftToOwner = new ConcurrentHashMap<>();

  Announcements(EventRecorder events, Ownership ownership) {
    this.events = events;
    this.ownership = ownership;
  }

  /** Said once: a claim, or a takeover from an instance whose heartbeat stopped. */
  void owned(ExecutionWatchDemo demo, Ownership.Verdict verdict) {
    String uid = demo.getMetadata().getUid();
    leftToOwner.remove(uid);
    if (verdict.kind() == Ownership.Kind.CLAIMED) {
      LOG.info(
          "{}/{}: reconciled by this operator instance ({}).",
          demo.getMetadata().getNamespace(),
          demo.getMetadata().getName(),
          ownership.instance());
      events.normal(
          demo, "Claimed", "Reconciled by operator instance " + ownership.instance() + ".");
    } else if (verdict.kind() == Ownership.Kind.TAKEN_OVER) {
      String message =
          "Operator instance "
              + ownership.instance()
              + " took this demo over from "
              + verdict.previousOwner()
              + ", whose heartbeat had not changed for "
              + ownership.takeoverAfter().toSeconds()
              + " s (stopped, uninstalled, or no longer allowed to write the demo).";
      LOG.warn(
          "{}/{}: {}", demo.getMetadata().getNamespace(), demo.getMetadata().getName(), message);
      events.warning(demo, "TakenOver", message);
    }
  }

  /**
   * Another live instance owns the demo: the overlap is said once per owner (log and a Warning
   * Event on the demo) with what an admin does about it.
   */
  void leftToOwner(ExecutionWatchDemo demo, Ownership.Verdict verdict) {
    String uid = demo.getMetadata().getUid();
    if (!verdict.owner().equals(leftToOwner.put(uid, verdict.owner()))) {
      String message =
          "Operator instance "
              + ownership.instance()
              + " also watches this demo, which "
              + verdict.owner()
              + " reconciles; it leaves the demo alone and takes over only if "
              + verdict.owner()
              + " stops for "
              + ownership.takeoverAfter().toSeconds()
              + " s. Two operator releases watch namespace "
              + demo.getMetadata().getNamespace()
              + ": narrow one's watchNamespaces (or watchAllNamespaces=false) so that each"
              + " namespace has one.";
      LOG.warn(
          "{}/{}: {}", demo.getMetadata().getNamespace(), demo.getMetadata().getName(), message);
      events.warning(demo, "OverlappingOperators", message);
    }
  }

  /**
   * One Warning Event when Ready or NoLiveEnforced (or DashboardProvisioned, for a folder left as
   * found) turns False for a new reason (not on every retry or resync), and the same in the log.
   */
  void problems(ExecutionWatchDemo demo, ExecutionWatchDemoStatus status) {
    for (String type :
        List.of(StatusBuilder.NO_LIVE, StatusBuilder.READY, StatusBuilder.DASHBOARD)) {
      Condition now = StatusBuilder.find(status.conditions, type).orElseThrow();
      if (!"False".equals(now.getStatus())
          || StatusBuilder.PENDING_REASONS.contains(now.getReason())
          || (type.equals(StatusBuilder.DASHBOARD)
              && !now.getReason().equals(StatusBuilder.GRAFANA_FOLDER_NOT_USABLE))) {
        continue;
      }
      boolean alreadyReported =
          demo.getStatus() != null
              && StatusBuilder.find(demo.getStatus().conditions, type)
                  .filter(
                      c ->
                          c.getReason().equals(now.getReason())
                              && c.getMessage().equals(now.getMessage()))
                  .isPresent();
      if (!alreadyReported) {
        LOG.warn(
            "{}/{} {}: {} (kubectl describe ewd {} -n {})",
            demo.getMetadata().getNamespace(),
            demo.getMetadata().getName(),
            now.getReason(),
            now.getMessage(),
            demo.getMetadata().getName(),
            demo.getMetadata().getNamespace());
        events.warning(demo, now.getReason(), now.getMessage());
        return;
      }
    }
  }
}
