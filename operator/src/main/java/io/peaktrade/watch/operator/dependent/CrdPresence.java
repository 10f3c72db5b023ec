package io.peaktrade.watch.operator.dependent;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a CRD is installed, asked of the API server at most once per {@code recheck} while it is
 * absent, and for as long as it takes: kube-prometheus-stack installed an hour after the operator
 * is noticed like one installed before it (java-operator-sdk's own condition gives up after ten
 * checks). Once found, a CRD is taken to stay.
 *
 * <p>Demos are reconciled in parallel, so a caller that arrives while another asks the API server
 * waits for that answer: "asked a moment ago" must not read as "absent", which would deactivate the
 * dependent for that demo (and stop the informer every demo shares).
 */
public final class CrdPresence {

  private final Clock clock;
  private final Duration recheck;
  private final Set<String> found = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> checked = new HashMap<>();

  public CrdPresence(Clock clock, Duration recheck) {
    this.clock = clock;
    this.recheck = recheck;
  }

  public boolean present(KubernetesClient client, String crdName) {
    if (found.contains(crdName)) {
      return true;
    }
    synchronized (checked) {
      return check(client, crdName);
    }
  }

  private boolean check(KubernetesClient client, String crdName) {
    if (found.contains(crdName)) {
      return true;
    }
    Instant now = clock.instant();
    Instant last = checked.get(crdName);
    if (last != null && now.isBefore(last.plus(recheck))) {
      return false;
    }
    checked.put(crdName, now);
    boolean present =
        client.apiextensions().v1().customResourceDefinitions().withName(crdName).get() != null;
    if (present) {
      found.add(crdName);
    }
    return present;
  }
}
