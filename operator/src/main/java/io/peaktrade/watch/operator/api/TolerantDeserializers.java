package io.peaktrade.watch.operator.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reading a stored demo never fails as a whole. One demo that fabric8 cannot deserialize would
 * otherwise end the informer of its whole namespace: fabric8 7.5.2 reads a LIST in one piece
 * (BaseOperation, KubernetesSerialization) and closes the watch on an event it cannot read
 * (AbstractWatchManager.onMessage, "Unexpected exception processing watch event"), and
 * java-operator-sdk 5.2.3 never restarts an informer for a deserialization error (InformerWrapper,
 * ExceptionHandler.isDeserializationException). Every other demo there would go unreconciled until
 * the operator restarted.
 */
final class TolerantDeserializers {

  private TolerantDeserializers() {}

  /** Reads a value as its type does, and what that cannot read as {@link #unreadable}. */
  private abstract static class Tolerant<T> extends StdDeserializer<T> {
    private final Class<T> type;

    Tolerant(Class<T> type) {
      super(type);
      this.type = type;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      JsonNode stored = ctx.readTree(p);
      try {
        return ctx.readTreeAsValue(stored, type);
      } catch (JsonMappingException e) {
        return unreadable(stored, e);
      }
    }

    abstract T unreadable(JsonNode stored, JsonMappingException e);
  }

  /** The spec as the types read it, or an {@link UnreadableSpec} naming the field that failed. */
  static final class Spec extends Tolerant<ExecutionWatchDemoSpec> {
    Spec() {
      super(ExecutionWatchDemoSpec.class);
    }

    @Override
    ExecutionWatchDemoSpec unreadable(JsonNode stored, JsonMappingException e) {
      return new UnreadableSpec(stored, "spec" + path(e), e.getOriginalMessage());
    }
  }

  /**
   * The status as the types read it, or none: an old-shaped status is the operator's own writing
   * and is written anew at the next reconcile.
   */
  static final class Status extends Tolerant<ExecutionWatchDemoStatus> {
    Status() {
      super(ExecutionWatchDemoStatus.class);
    }

    @Override
    ExecutionWatchDemoStatus unreadable(JsonNode stored, JsonMappingException e) {
      return null;
    }
  }

  /** Jackson's path of the failing field as a Kubernetes field path: {@code .a.b[2].c}. */
  static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining());
  }
}
