package io.peaktrade.watch.operator.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Optional;
import java.util.Set;

/**
 * The fabric8 mock API server's CRUD dispatcher with {@link KubeApiServerRules} applied to every
 * object it stores: watches, reads and the answer to the write itself carry the object as
 * kube-apiserver would have stored it, and an update that changes nothing is no write at all.
 */
public class ApiServerDispatcher extends KubernetesCrudDispatcher {

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");

  private final KubeApiServerRules rules = new KubeApiServerRules();

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
