package io.peaktrade.watch.exporter.check;

/** One row of the runbook check table; {@code hint} is shown when the check fails. */
public record CheckResult(String check, String expected, String got, boolean passed, String hint) {}
