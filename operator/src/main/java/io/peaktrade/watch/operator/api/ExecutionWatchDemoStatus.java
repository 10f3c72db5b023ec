package io.peaktrade.watch.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the operator observed: conditions Ready, NoLiveEnforced, MonitoringReady,
 * DashboardProvisioned.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ExecutionWatchDemoStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Ready, NoLiveEnforced, MonitoringReady, DashboardProvisioned.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("In-cluster URLs of the demo's endpoints.")
  public Map<String, String> endpoints = new LinkedHashMap<>();

  @JsonPropertyDescription(
      "The operator instance (namespace/name; the chart names one per release) that reconciles this"
          + " demo; another that watches it too leaves it alone (annotation"
          + " execution-watch.peaktrade.io/owner).")
  public String owner;

  @Override
  public boolean equals(Object o) {
    return o instanceof ExecutionWatchDemoStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(endpoints, s.endpoints)
        && Objects.equals(owner, s.owner);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, endpoints, owner);
  }
}
