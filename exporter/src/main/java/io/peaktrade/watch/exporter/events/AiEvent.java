package io.peaktrade.watch.exporter.events;

/**
 * One decision event of schema {@value io.peaktrade.watch.contracts.EventField#SCHEMA}, as far as
 * the exporters need it.
 *
 * <p>{@code runId} and {@code component} are {@code null} when the line did not carry them (the
 * exporter then labels with its configured defaults); {@code ts} is the raw ISO-8601 text, parsed
 * only when needed because parsing every timestamp would dominate the ingest cost.
 */
public record AiEvent(
    String ts,
    String runId,
    String component,
    Decision decision,
    String reason,
    String symbol,
    String strategy,
    Double confidence,
    Double latencyMs) {}
