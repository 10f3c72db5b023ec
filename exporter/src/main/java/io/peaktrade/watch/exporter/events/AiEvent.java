package io.peaktrade.watch.exporter.events;

import org.jspecify.annotations.Nullable;

/**
 * One decision event of schema {@value io.peaktrade.watch.contracts.EventField#SCHEMA}, as far as
 * the exporters need it.
 *
 * <p>{@code runId} and {@code component} are {@code null} when the line did not carry them (the
 * exporter then labels with its configured defaults); {@code ts} is the raw ISO-8601 text, parsed
 * only when needed because parsing every timestamp would dominate the ingest cost.
 */
public record AiEvent(
    @Nullable String ts,
    @Nullable String runId,
    @Nullable String component,
    Decision decision,
    String reason,
    @Nullable String symbol,
    @Nullable String strategy,
    @Nullable Double confidence,
    @Nullable Double latencyMs) {}
