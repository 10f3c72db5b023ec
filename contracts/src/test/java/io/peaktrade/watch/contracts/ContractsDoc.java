package io.peaktrade.watch.contracts;

import java.util.Locale;
import java.util.stream.Collectors;

/** docs/contracts.md, written from the contract types (ContractsDocTest keeps the file current). */
final class ContractsDoc {

  private ContractsDoc() {}

  static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Contracts\n\n")
        .append(
            "<!-- Generated from the contracts module (io.peaktrade.watch.contracts): do not"
                + " edit.\n")
        .append("     Regenerate: ./mvnw -pl contracts test -Dtest=ContractsDocTest")
        .append(" -Dcontracts.write=true -->\n\n")
        .append(
            "What the exporter, the operator, the chart, the dashboard, the alert rules and the"
                + " kind\n")
        .append(
            "path agree on. Each lives in one place, the `contracts` module, which the exporter"
                + " and\n")
        .append(
            "the operator use; `ContractsAgreementTest` reads the dashboard, the alert rules,"
                + " the\n")
        .append(
            "chart's notes, the kind configuration and the image's Dockerfile and fails on any"
                + " other\n")
        .append(
            "value, and `ContractMetricsTest` (exporter) reads every exporter's `/metrics`.\n\n");

    md.append(
        "## Ports and jobs\n\n"
            + "| process | port | Prometheus job | Service port name |\n"
            + "|---|---|---|---|\n");
    for (ScrapeTarget t : ScrapeTarget.values()) {
      md.append("| ")
          .append(t.name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(t.port())
          .append(" | `")
          .append(t.job())
          .append("` | `")
          .append(t.portName())
          .append("` |\n");
    }
    md.append("| Prometheus | ")
        .append(Ports.PROMETHEUS)
        .append(" | | |\n| the dashboard (Grafana in kind, the preview locally) | ")
        .append(Ports.DASHBOARD)
        .append(" | | |\n\n");

    md.append("## Metrics\n\n| metric | type | labels | served by |\n|---|---|---|---|\n");
    for (Metric m : Metric.values()) {
      md.append("| `")
          .append(m.metricName())
          .append("` | ")
          .append(m.type().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(m.labels().stream().map(l -> "`" + l + "`").collect(Collectors.joining(", ")))
          .append(" | ")
          .append(m.target().job())
          .append(" |\n");
    }

    md.append("\n## Event schema `")
        .append(EventField.SCHEMA)
        .append("`\n\nOne JSON object per line of the JSONL event file.\n\n")
        .append("| field | type | role | meaning |\n|---|---|---|---|\n");
    for (EventField f : EventField.values()) {
      md.append("| `")
          .append(f.key())
          .append("` | ")
          .append(f.kind().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(f.role().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(f.meaning())
          .append(" |\n");
    }

    md.append("\n## Environment variables\n\n")
        .append("The exporter CLI's flags fall back to them; the operator sets them in the demo's")
        .append(" pods.\n\n| variable | meaning |\n|---|---|\n");
    for (EnvironmentVariable v : EnvironmentVariable.values()) {
      md.append("| `").append(v.name()).append("` | ").append(v.meaning()).append(" |\n");
    }

    md.append("\n## Demo defaults\n\n")
        .append("The same for the exporter CLI, the local stack, the CRD and the chart's `demo`")
        .append(" values.\n\n| what | default |\n|---|---|\n")
        .append("| run_id | `")
        .append(DemoDefaults.RUN_ID)
        .append("` |\n| component | `")
        .append(DemoDefaults.COMPONENT)
        .append("` |\n| emitter mode | `")
        .append(DemoDefaults.EMITTER_MODE)
        .append("` |\n| emitter rate (events/s) | ")
        .append(DemoDefaults.EMITTER_RATE)
        .append(" |\n| seed | ")
        .append(DemoDefaults.SEED)
        .append(" |\n");

    md.append("\n## Files\n\n| file | read by |\n|---|---|\n")
        .append("| `")
        .append(RepositoryFiles.DASHBOARD)
        .append("` | the operator (ConfigMap, GrafanaDashboard), the local dashboard preview |\n")
        .append("| `")
        .append(RepositoryFiles.ALERT_RULES)
        .append("` | the local Prometheus, the operator (PrometheusRule) |\n")
        .append("| `")
        .append(RepositoryFiles.OPERATOR_DASHBOARD)
        .append("` | the chart (ConfigMap, GrafanaDashboard; `operatorDashboard.enabled`) |\n");
    return md.toString();
  }
}
