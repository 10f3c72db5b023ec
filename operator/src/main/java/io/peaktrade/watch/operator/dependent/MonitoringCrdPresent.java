package io.peaktrade.watch.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;

/**
 * ServiceMonitors and the PrometheusRule only where prometheus-operator's CRD for them is installed
 * (the CRD is found from the dependent's resource type).
 */
public class MonitoringCrdPresent
    extends CRDPresentActivationCondition<HasMetadata, ExecutionWatchDemo> {}
