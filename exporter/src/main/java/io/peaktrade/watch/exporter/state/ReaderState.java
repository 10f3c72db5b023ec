package io.peaktrade.watch.exporter.state;

import io.peaktrade.watch.exporter.tail.FilePosition;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import java.util.List;

/** What a reader of the event file keeps across restarts, if anything. */
public interface ReaderState {

  /** Keeps nothing: every start counts the file from its start. */
  ReaderState NONE =
      new ReaderState() {
        @Override
        public void restore(JsonlTailer tailer, List<RestorableMetric> metrics) {}

        @Override
        public void checkpoint(List<FilePosition> positions, boolean last) {}
      };

  /** Before reading starts: puts the saved values back and tells the tailer where to go on. */
  void restore(JsonlTailer tailer, List<RestorableMetric> metrics);

  /** On the reading thread after every pass ({@code last}: reading stops). */
  void checkpoint(List<FilePosition> positions, boolean last);
}
