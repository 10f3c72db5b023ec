package io.peaktrade.watch.exporter.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peaktrade.watch.exporter.process.FatalErrors;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.peaktrade.watch.exporter.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Error in the reader (an OutOfMemoryError, say) is never survived quietly: it goes to the
 * process's fatal handler (in the CLI: log and exit 70, so Kubernetes restarts the container), and
 * /healthz stops answering 200 at once.
 */
class FatalErrorTest {

  @TempDir Path dir;

  @AfterEach
  void restoreTheExitHandler() {
    FatalErrors.setHandler(FatalErrors.EXIT);
  }

  @Test
  void anErrorInTheReaderReachesTheFatalHandlerAndHealthzFails() throws Exception {
    CompletableFuture<Throwable> fatal = new CompletableFuture<>();
    FatalErrors.setHandler((thread, error) -> fatal.complete(error));
    Path events = Files.writeString(dir.resolve("ai_events.jsonl"), "");
    try (FileFollowingServer server =
        FileFollowingServer.builder(
                "test",
                JsonlTailer.Options.defaults(events),
                event -> {
                  throw new OutOfMemoryError("Java heap space (test)");
                })
            .host("127.0.0.1")
            .start()) {
      String healthz = "http://127.0.0.1:" + server.port() + "/healthz";
      assertThat(Http.get(healthz).statusCode()).isEqualTo(200);
      Files.writeString(
          events,
          "{\"schema\":\"peaktrade.ai_event.v1\",\"event\":\"decision\",\"decision\":\"accept\"}\n");
      assertThat(fatal.get(10, TimeUnit.SECONDS)).isInstanceOf(OutOfMemoryError.class);
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                var r = Http.get(healthz);
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.body()).contains("has stopped").contains("ai_events.jsonl");
              });
    }
  }
}
