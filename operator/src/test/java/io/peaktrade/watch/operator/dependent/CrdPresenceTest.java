package io.peaktrade.watch.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.peaktrade.watch.operator.MockCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A monitoring CRD is detected whenever it appears: no limit on how often it was absent before. */
class CrdPresenceTest {

  /** A clock the test moves. */
  private static final class Manual extends Clock {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aCrdInstalledAfterHundredsOfChecksIsFound() {
    try (MockCluster cluster = new MockCluster(false)) {
      Manual clock = new Manual();
      CrdPresence crds = new CrdPresence(clock, Duration.ofSeconds(10));
      String crd = "servicemonitors.monitoring.coreos.com";
      for (int i = 0; i < 500; i++) {
        assertThat(crds.present(cluster.client, crd)).isFalse();
        clock.now = clock.now.plusSeconds(11);
      }
      cluster.installServiceMonitorCrd();
      assertThat(crds.present(cluster.client, crd)).isTrue();
    }
  }

  @Test
  void whileAbsentTheApiServerIsAskedAtMostOncePerRecheckInterval() {
    try (MockCluster cluster = new MockCluster(false)) {
      Manual clock = new Manual();
      CrdPresence crds = new CrdPresence(clock, Duration.ofSeconds(10));
      String crd = "servicemonitors.monitoring.coreos.com";
      cluster.requests.reset();
      for (int i = 0; i < 100; i++) {
        crds.present(cluster.operatorClient, crd);
      }
      assertThat(cluster.requests.all()).hasSize(1);
      cluster.installServiceMonitorCrd();
      assertThat(crds.present(cluster.operatorClient, crd)).as("not yet asked again").isFalse();
      clock.now = clock.now.plusSeconds(10);
      assertThat(crds.present(cluster.operatorClient, crd)).isTrue();
    }
  }

  /**
   * Demos are reconciled in parallel: while one asks the API server, the others must wait for its
   * answer, not take "asked a moment ago" for "absent" (which deactivated the dependent for that
   * demo and stopped its informer for all of them).
   */
  @Test
  void callersDuringTheFirstCheckGetItsAnswer() throws Exception {
    try (MockCluster cluster = new MockCluster(true)) {
      String crd = "servicemonitors.monitoring.coreos.com";
      for (int round = 0; round < 20; round++) {
        CrdPresence crds = new CrdPresence(new Manual(), Duration.ofSeconds(10));
        int callers = 8;
        CyclicBarrier start = new CyclicBarrier(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
          List<Future<Boolean>> answers = new ArrayList<>();
          for (int i = 0; i < callers; i++) {
            answers.add(
                pool.submit(
                    () -> {
                      start.await();
                      return crds.present(cluster.operatorClient, crd);
                    }));
          }
          for (Future<Boolean> a : answers) {
            assertThat(a.get(10, TimeUnit.SECONDS)).as("round %d", round).isTrue();
          }
        } finally {
          pool.shutdownNow();
        }
      }
    }
  }
}
