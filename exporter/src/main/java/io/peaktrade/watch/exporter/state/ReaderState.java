package io.peaktrade.watch.exporter.state;

import io.peaktrade.watch.exporter.tail.Checkpoint;
import io.peaktrade.watch.exporter.tail.FilePosition;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** What a reader of the event file keeps across restarts, if anything. */
public interface ReaderState {

  /** Keeps nothing: every start counts the file from its start. */
  ReaderState NONE =
      new ReaderState() {
        @Override
        public void restore(JsonlTailer tailer, List<RestorableMetric> metrics) {}

        @Override
        public void checkpoint(List<FilePosition> positions, Checkpoint moment) {}
      };

  /** An answer to write, which may fail with an IOException. */
  @FunctionalInterface
  interface IoAction {
    void run() throws IOException;
  }

  /** Before reading starts: puts the saved values back and tells the tailer where to go on. */
  void restore(JsonlTailer tailer, List<RestorableMetric> metrics);

  /** On the reading thread at every {@link Checkpoint} of the tailer. */
  void checkpoint(List<FilePosition> positions, Checkpoint moment);

  /**
   * Serves a scrape so that what it shows is kept (a restart never shows less); keeping nothing, it
   * just serves.
   */
  default void serveDurably(Duration timeout, IoAction serve) throws IOException {
    serve.run();
  }
}
