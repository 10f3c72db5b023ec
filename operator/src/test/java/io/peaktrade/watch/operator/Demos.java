package io.peaktrade.watch.operator;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec;

/** Test fixtures. */
public final class Demos {

  private Demos() {}

  public static ExecutionWatchDemo demo(String namespace, String name) {
    ExecutionWatchDemo d = new ExecutionWatchDemo();
    d.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withGeneration(1L)
            .withUid("uid-" + namespace + "-" + name)
            .build());
    d.setSpec(new ExecutionWatchDemoSpec());
    return d;
  }
}
