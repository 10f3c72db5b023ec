package io.peaktrade.watch.exporter.http;

import io.peaktrade.watch.contracts.Metric;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Request count by endpoint and status code, and latency by endpoint, for a read-only server.
 * Endpoint labels are route paths (or {@code other}), never raw request paths, so the series count
 * stays bounded.
 */
public final class RequestMetrics {

  private final Counter requests;
  private final Histogram duration;

  /** The watch API's request metrics (the only server that counts its requests). */
  public RequestMetrics(PrometheusRegistry registry) {
    requests =
        Counter.builder()
            .name(Metric.WATCH_API_REQUESTS.metricName())
            .help("HTTP requests served, by endpoint and status code")
            .labelNames(Metric.WATCH_API_REQUESTS.labelNames())
            .register(registry);
    duration =
        Histogram.builder()
            .name(Metric.WATCH_API_REQUEST_DURATION.metricName())
            .help("HTTP request latency, by endpoint")
            .labelNames(Metric.WATCH_API_REQUEST_DURATION.labelNames())
            .classicOnly()
            .classicUpperBounds(
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
            .register(registry);
  }

  void observe(String endpoint, int code, double seconds) {
    requests.labelValues(endpoint, Integer.toString(code)).inc();
    duration.labelValues(endpoint).observe(seconds);
  }
}
