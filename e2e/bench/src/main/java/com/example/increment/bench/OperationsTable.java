package com.example.increment.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.example.increment.scenarios.ClusterOperation;

/**
 * The operations matrix as Markdown: one row per operation, one column per rebalance delay (how long the moved
 * sequences stood still, and the others), then every cell in full with duplicates and gaps.
 */
final class OperationsTable {

    private OperationsTable() {
    }

    static String render(List<OperationResult> results) {
        TreeSet<Duration> delays = results.stream().map(OperationResult::rebalanceDelay)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<ClusterOperation, Map<Duration, OperationResult>> cells = new TreeMap<>();
        results.forEach(r -> cells.computeIfAbsent(r.operation(), o -> new TreeMap<>()).put(r.rebalanceDelay(), r));

        StringBuilder t = new StringBuilder("## What each Kubernetes operation costs\n\n" + OperationsSection.LAYOUT
                + " Worker settings: session timeout " + OperationsSection.timing(Duration.ZERO).sessionTimeout()
                .toSeconds() + " s, heartbeat " + OperationsSection.timing(Duration.ZERO).heartbeat().toSeconds()
                + " s, offset flush " + OperationsSection.OFFSET_FLUSH.toSeconds() + " s (the chart's).\n\n");
        t.append("Longest stall of a moved sequence / of the others (s), by rebalance delay:\n\n| operation |");
        delays.forEach(d -> t.append(" ").append(d.toSeconds()).append(" s |"));
        t.append("\n|---|").append("---:|".repeat(delays.size())).append('\n');
        cells.forEach((operation, byDelay) -> {
            t.append("| ").append(operation.description()).append(" |");
            delays.forEach(d -> t.append(" ").append(Optional.ofNullable(byDelay.get(d))
                    .map(r -> seconds(r.movedOutage()) + " / " + seconds(r.otherOutage())).orElse("—")).append(" |"));
            t.append('\n');
        });
        t.append("\n| operation | rebalance delay (s) | moved sequences stood still (s) | others (s) | duplicates "
                + "| missing | pods back after (s) |\n|---|---:|---:|---:|---:|---:|---:|\n");
        results.forEach(r -> t.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %d | %d | %s |%n",
                r.operation().description(), r.rebalanceDelay().toSeconds(), seconds(r.movedOutage()),
                seconds(r.otherOutage()), r.duplicates(), r.missing(),
                r.took().isZero() ? "—" : seconds(r.took()))));
        return t.toString();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
