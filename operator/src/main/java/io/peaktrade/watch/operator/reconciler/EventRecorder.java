package io.peaktrade.watch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events about a resource (kubectl describe shows them). Like Kubernetes' own
 * recorder, a repeat of the same event (same object, type, reason and message) is one Event whose
 * count and lastTimestamp grow, not a new Event each time: a failure retried every few seconds
 * makes no event storm. Never fails a reconcile.
 */
public final class EventRecorder {

  public static final String COMPONENT = "execution-watch-operator";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  /** Recent events by what makes them the same, bounded like client-go's correlator cache. */
  private static final int REMEMBERED = 4096;

  private record Key(String uid, String type, String reason, String message) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<Key, Event> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Event> eldest) {
          return size() > REMEMBERED;
        }
      };

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void warning(HasMetadata about, String reason, String message) {
    record(about, "Warning", reason, message);
  }

  public void normal(HasMetadata about, String reason, String message) {
    record(about, "Normal", reason, message);
  }

  private synchronized void record(HasMetadata about, String type, String reason, String message) {
    String text = message.length() > 1000 ? message.substring(0, 1000) : message;
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    String ns = about.getMetadata().getNamespace();
    Key key = new Key(about.getMetadata().getUid(), type, reason, text);
    try {
      Event seen = recent.get(key);
      if (seen != null) {
        int count = Objects.requireNonNullElse(seen.getCount(), 1) + 1;
        try {
          // a merge patch of the two fields, as Kubernetes' recorder does (RBAC: events patch).
          // On the Event we hold, not withName(): fabric8 would GET it first, which needs
          // "events get" that the operator does not have, so every repeat would be lost.
          Event bumped =
              client
                  .v1()
                  .events()
                  .inNamespace(ns)
                  .resource(seen)
                  .patch(
                      PatchContext.of(PatchType.JSON_MERGE),
                      "{\"count\":" + count + ",\"lastTimestamp\":\"" + now + "\"}");
          recent.put(key, bumped);
          return;
        } catch (KubernetesClientException e) {
          if (e.getCode() != 404) {
            throw e;
          }
          // expired (Events live an hour by default): start a new one
        }
      }
      recent.put(
          key,
          client
              .v1()
              .events()
              .inNamespace(ns)
              .resource(event(about, type, reason, text, now))
              .create());
    } catch (KubernetesClientException ex) {
      LOG.warn(
          "Could not record event {} for {}/{}: {}",
          reason,
          ns,
          about.getMetadata().getName(),
          ex.getMessage());
    }
  }

  private static Event event(
      HasMetadata about, String type, String reason, String message, String now) {
    return new EventBuilder()
        .withNewMetadata()
        .withGenerateName(about.getMetadata().getName() + ".")
        .withNamespace(about.getMetadata().getNamespace())
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(about.getApiVersion())
        .withKind(about.getKind())
        .withName(about.getMetadata().getName())
        .withNamespace(about.getMetadata().getNamespace())
        .withUid(about.getMetadata().getUid())
        .withResourceVersion(about.getMetadata().getResourceVersion())
        .endInvolvedObject()
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .withReportingComponent(COMPONENT)
        .build();
  }
}
