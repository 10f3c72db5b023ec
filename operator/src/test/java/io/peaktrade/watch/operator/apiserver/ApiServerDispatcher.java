package io.peaktrade.watch.operator.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fabric8 mock API server's CRUD dispatcher with {@link KubeApiServerRules} applied to every
 * object it stores: watches, reads and the answer to the write itself carry the object as
 * kube-apiserver would have stored it, and an update that changes nothing is no write at all.
 *
 * <p>And the faults of a real API server's connection, for the client's recovery to be tested:
 * {@link #partition()} closes every open watch and answers new ones 503 until {@link #heal()},
 * after which each watch of the resources it dropped is answered once as kube-apiserver answers a
 * watch from a resourceVersion its watch cache no longer has: an ERROR event with a Status of code
 * 410, reason Expired (staging/src/k8s.io/apiserver/pkg/storage/cacher: "too old resource
 * version"), after which client-go and fabric8's Reflector list again. The CRUD mock itself starts
 * every watch with the objects there are (ADDED), never with what was deleted meanwhile: only the
 * new list shows a deletion missed while no watch ran.
 */
public class ApiServerDispatcher extends KubernetesCrudDispatcher {

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");

  private final KubeApiServerRules rules = new KubeApiServerRules();

  private final Set<WebSocket> openWatches = ConcurrentHashMap.newKeySet();
  private final Set<String> expired = ConcurrentHashMap.newKeySet();
  private volatile boolean partitioned;

  /** What the request being handled on this thread stored (the answer's body). */
  private final ThreadLocal<String> stored = new ThreadLocal<>();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    stored.remove();
    MockResponse response = super.dispatch(request);
    String body = stored.get();
    stored.remove();
    if (body != null && WRITES.contains(request.getMethod())) {
      response.setBody(body);
    }
    return response;
  }

  /**
   * The watches between the operator and the API server are cut: every open one is closed, and a
   * new one is refused (503) until {@link #heal()}. What changes meanwhile reaches no watcher.
   * (Refused, not held: the mock serves every connection from a few event-loop threads.)
   */
  public void partition() {
    partitioned = true;
    for (WebSocket ws : openWatches) {
      expired.add(resource(ws.request().getPath()));
      ws.close(1001, "connection lost (test partition)");
    }
    openWatches.clear();
  }

  /** The network is back: each dropped watch is answered 410 Expired once, as after compaction. */
  public void heal() {
    partitioned = false;
  }

  private static String resource(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  @Override
  public MockResponse handleWatch(String path) {
    if (partitioned) {
      return new MockResponse().setResponseCode(503);
    }
    if (expired.remove(resource(path))) {
      return new MockResponse().withWebSocketUpgrade(new ExpiredWatch());
    }
    MockResponse response = super.handleWatch(path);
    return response.withWebSocketUpgrade(new TrackedWatch(response.getWebSocketListener()));
  }

  /** kube-apiserver's answer to a watch from a compacted resourceVersion. */
  private static final class ExpiredWatch extends WebSocketListener {
    @Override
    public void onOpen(WebSocket ws, Response response) {
      ws.send(
          "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
              + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource"
              + " version: 1 (1000)\",\"reason\":\"Expired\",\"code\":410}}");
      ws.close(1000, "");
    }
  }

  /** The CRUD mock's watch, with its socket kept for {@link #partition()}. */
  private final class TrackedWatch extends WebSocketListener {
    private final WebSocketListener inner;

    TrackedWatch(WebSocketListener inner) {
      this.inner = inner;
    }

    @Override
    public void onBeforeAccept(WebSocket ws, Response response) {
      inner.onBeforeAccept(ws, response);
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
      openWatches.add(ws);
      inner.onOpen(ws, response);
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
      inner.onMessage(ws, text);
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      openWatches.remove(ws);
      inner.onClosing(ws, code, reason);
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      openWatches.remove(ws);
      inner.onClosed(ws, code, reason);
    }

    @Override
    public void onFailure(WebSocket ws, Throwable error, Response response) {
      openWatches.remove(ws);
      inner.onFailure(ws, error, response);
    }
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    if (newState == null) {
      super.processEvent(path, pathAttributes, oldAttributes, resource, null);
      return;
    }
    String existing = oldAttributes == null ? null : map.get(oldAttributes);
    Optional<String> next = rules.store(path, existing, newState);
    if (next.isEmpty()) {
      stored.set(existing); // nothing changed: nothing written, no watch event
      return;
    }
    stored.set(next.get());
    super.processEvent(path, pathAttributes, oldAttributes, null, next.get());
  }
}
