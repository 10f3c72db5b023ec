package io.peaktrade.watch.operator.reconciler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One operator instance reconciles a demo; another that watches it too leaves it alone. Two
 * releases of the chart whose watched namespaces overlap run two operators on the same demos, each
 * with its own leader-election Lease in its own namespace, so leader election does not separate
 * them: with different settings they would rewrite each other's objects without end.
 *
 * <p>The claim is an annotation on the demo naming the instance ({@link #OWNER}), with a heartbeat
 * ({@link #HEARTBEAT}) the owner renews while it reconciles. Every write of them is a merge patch
 * carrying the demo's resourceVersion, so kube-apiserver makes it conditional (409 Conflict when
 * another writer came first): two instances never both win a claim. An instance that is not the
 * owner takes the demo over only after it has seen the heartbeat stand still for {@code
 * takeoverAfter} by its own clock, as client-go's leader election judges a lease by when it saw the
 * record change (clocks of different pods are never compared). Deleting the annotation hands the
 * demo to whichever instance reconciles it next.
 *
 * <p>Like the Lease objects of leader election, this separates instances without configuring them
 * apart; prometheus-operator ({@code --controller-id} with the annotation {@code
 * operator.prometheus.io/controller-id}) and Strimzi ({@code STRIMZI_CUSTOM_RESOURCE_SELECTOR})
 * separate them by configuration, which an overlap by mistake does not have.
 */
public final class Ownership {

  public static final String OWNER = "execution-watch.peaktrade.io/owner";
  public static final String HEARTBEAT = "execution-watch.peaktrade.io/owner-heartbeat";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What this instance may do with a demo. */
  public enum Kind {
    /** Ours already. */
    OURS,
    /** Nobody's until now: claimed by this instance. */
    CLAIMED,
    /** Another instance's whose heartbeat stopped: taken over by this instance. */
    TAKEN_OVER,
    /** Another instance's, alive: nothing is written to it or its objects here. */
    OTHERS
  }

  /**
   * @param kind what this instance may do
   * @param owner the instance that owns the demo now
   * @param previousOwner the instance it was taken over from ({@link Kind#TAKEN_OVER})
   * @param recheckIn when to look again: to renew the heartbeat, or to see whether the owner's
   *     stopped
   * @param demo the demo as it is after a claim or renewal (its new resourceVersion)
   */
  public record Verdict(
      Kind kind,
      String owner,
      @Nullable String previousOwner,
      Duration recheckIn,
      ExecutionWatchDemo demo) {
    public boolean ours() {
      return kind != Kind.OTHERS;
    }
  }

  /** A heartbeat another instance wrote, and when this instance first saw it (its own clock). */
  private record Seen(String owner, @Nullable String heartbeat, long sinceNanos) {}

  private final String instance;
  private final Duration renewAfter;
  private final Duration takeoverAfter;
  private final Clock clock;
  private final LongSupplier nanos;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  /**
   * @param instance this operator instance's name (OPERATOR_INSTANCE)
   * @param renewAfter the owner renews a heartbeat at least this old when it reconciles
   * @param takeoverAfter another instance takes over after the heartbeat stood still this long
   */
  public Ownership(
      String instance,
      Duration renewAfter,
      Duration takeoverAfter,
      Clock clock,
      LongSupplier nanos) {
    if (takeoverAfter.compareTo(renewAfter.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "takeoverAfter must be at least twice renewAfter: a live owner is never taken over");
    }
    this.instance = instance;
    this.renewAfter = renewAfter;
    this.takeoverAfter = takeoverAfter;
    this.clock = clock;
    this.nanos = nanos;
  }

  public String instance() {
    return instance;
  }

  public Duration takeoverAfter() {
    return takeoverAfter;
  }

  /**
   * Claims, renews or leaves the demo, writing only the two annotations (conditionally).
   *
   * @throws KubernetesClientException when the claim cannot be written (not a conflict)
   */
  public Verdict decide(ExecutionWatchDemo demo, KubernetesClient client) {
    try {
      return decideOnce(demo, client);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // another writer came first (perhaps another instance's claim): judge what is there now
      ExecutionWatchDemo now =
          client
              .resources(ExecutionWatchDemo.class)
              .inNamespace(demo.getMetadata().getNamespace())
              .withName(demo.getMetadata().getName())
              .get();
      if (now == null) {
        throw e;
      }
      return decideOnce(now, client);
    }
  }

  private Verdict decideOnce(ExecutionWatchDemo demo, KubernetesClient client) {
    Map<String, String> annotations = demo.getMetadata().getAnnotations();
    String owner = annotations == null ? null : annotations.get(OWNER);
    String heartbeat = annotations == null ? null : annotations.get(HEARTBEAT);
    String uid = demo.getMetadata().getUid();
    if (owner == null || owner.isBlank()) {
      seen.remove(uid);
      return new Verdict(Kind.CLAIMED, instance, null, renewAfter, write(demo, client));
    }
    if (owner.equals(instance)) {
      seen.remove(uid);
      if (age(heartbeat).compareTo(renewAfter) < 0) {
        return new Verdict(Kind.OURS, instance, null, renewAfter, demo);
      }
      return new Verdict(Kind.OURS, instance, null, renewAfter, write(demo, client));
    }
    long now = nanos.getAsLong();
    Seen s =
        seen.compute(
            uid,
            (k, old) ->
                old != null
                        && old.owner().equals(owner)
                        && Objects.equals(old.heartbeat(), heartbeat)
                    ? old
                    : new Seen(owner, heartbeat, now));
    Duration still = Duration.ofNanos(now - s.sinceNanos());
    if (still.compareTo(takeoverAfter) < 0) {
      return new Verdict(Kind.OTHERS, owner, null, takeoverAfter.minus(still), demo);
    }
    seen.remove(uid);
    return new Verdict(Kind.TAKEN_OVER, instance, owner, renewAfter, write(demo, client));
  }

  /** How old our own heartbeat is, by our own clock (a missing or unreadable one: very old). */
  private Duration age(@Nullable String heartbeat) {
    if (heartbeat == null) {
      return ChronoUnit.FOREVER.getDuration();
    }
    try {
      return Duration.between(Instant.parse(heartbeat), clock.instant());
    } catch (DateTimeParseException e) {
      return ChronoUnit.FOREVER.getDuration();
    }
  }

  /** Sets both annotations, on the condition that nobody wrote the demo since it was read. */
  private ExecutionWatchDemo write(ExecutionWatchDemo demo, KubernetesClient client) {
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode metadata = patch.putObject("metadata");
    metadata.put("resourceVersion", demo.getMetadata().getResourceVersion());
    ObjectNode annotations = metadata.putObject("annotations");
    annotations.put(OWNER, instance);
    annotations.put(HEARTBEAT, clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    return client
        .resources(ExecutionWatchDemo.class)
        .inNamespace(demo.getMetadata().getNamespace())
        .withName(demo.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
  }

  /** Forgets a deleted demo. */
  public void forget(String uid) {
    seen.remove(uid);
  }
}
