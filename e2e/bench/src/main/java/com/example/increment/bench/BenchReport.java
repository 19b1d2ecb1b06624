package com.example.increment.bench;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.increment.scenarios.ClusterTiming;

/** The tables of one {@code make bench} run, as Markdown: what BENCHMARKS.md quotes and the smoke test checks. */
public record BenchReport(ZonedDateTime startedAt, Duration wallTime, Map<String, Duration> sectionTimes,
                          MachineDescription machine, BenchOptions options, List<ColdStart> coldStarts,
                          List<ThroughputResult> throughput, List<FailoverResult> failover,
                          List<OperationResult> operations) {

    static final String INCREMENT = "IncrementSource";
    static final String VERIFIABLE = "VerifiableSource";
    static final String PRODUCER_PERFORMANCE = "ProducerPerformance";

    public String render() {
        StringBuilder md = new StringBuilder();
        md.append("# make bench, ").append(startedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
        md.append(machine.render()).append("\n");
        md.append(String.format("- Settings: %d window(s) of %d s after a %d s warm-up per throughput figure, and %d s "
                        + "of unmeasured full load on each throughput cluster's workers before its first figure (JIT); "
                        + "figures are median (min–max); MB = 10^6 bytes of key + value; wall time %d s%n",
                options.runs(), options.window().toSeconds(), options.warmup().toSeconds(),
                options.jitWarmup().toSeconds(), wallTime.toSeconds()));
        if (!sectionTimes.isEmpty()) {
            md.append("- Time per section (cluster start and stop included): ").append(sectionTimes.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().toSeconds() + " s").collect(Collectors.joining(", ")))
                    .append("\n");
        }
        if (!throughput.isEmpty()) {
            md.append("\n").append(throughputTable());
            md.append("\n").append(ratioTable());
        }
        if (throughput.stream().anyMatch(ThroughputResult::exactlyOnce)) {
            md.append("\n").append(exactlyOnceTable());
        }
        if (!failover.isEmpty()) {
            md.append("\n").append(failoverTable());
        }
        if (!operations.isEmpty()) {
            md.append("\n").append(OperationsTable.render(operations));
        }
        if (!coldStarts.isEmpty()) {
            md.append("\n").append(startupTable());
        }
        return md.toString();
    }

    private String throughputTable() {
        StringBuilder t = new StringBuilder("## Throughput, unthrottled: records landed in Kafka\n\n");
        t.append("| load | tasks / producers | exactly-once | record bytes (key + value) | records/s | MB/s |\n");
        t.append("|---|---:|---|---:|---:|---:|\n");
        for (ThroughputResult r : throughput) {
            t.append(String.format("| %s | %d | %s | %.1f | %s | %s |%n", r.label(), r.parallelism(),
                    r.exactlyOnce() ? "yes" : "no", r.recordBytes(), r.recordsPerSecond().render("%.0f"),
                    r.megabytesPerSecond().render("%.2f")));
        }
        return t.toString();
    }

    private String ratioTable() {
        StringBuilder t = new StringBuilder("## Ratios (medians, at-least-once)\n\n");
        t.append("| tasks | IncrementSource ÷ VerifiableSource (goal > 1) | IncrementSource ÷ ProducerPerformance "
                + "(goal ≥ 0.8) | IncrementSource ÷ IncrementSource, unbounded (what " + ConnectorLoad.MAX_UNACKNOWLEDGED_RECORDS
                + " buys) |\n|---:|---:|---:|---:|\n");
        for (int tasks : parallelisms()) {
            t.append(String.format("| %d | %s | %s | %s |%n", tasks, ratio(INCREMENT, VERIFIABLE, tasks),
                    ratio(INCREMENT, PRODUCER_PERFORMANCE, tasks),
                    ratio(INCREMENT, ConnectorLoad.INCREMENT_UNBOUNDED_LABEL, tasks)));
        }
        return t.toString();
    }

    private String exactlyOnceTable() {
        StringBuilder t = new StringBuilder("## Cost of exactly-once (IncrementSource, "
                + "exactly.once.source.support=enabled; counted with a read_committed consumer)\n\n");
        t.append("| tasks | at-least-once records/s | exactly-once, a transaction per poll (default) records/s | "
                + "cost (goal < 20 %) | exactly-once, a transaction every "
                + ConnectorLoad.TRANSACTION_INTERVAL.toSeconds() + " s records/s | cost (goal < 20 %) |\n");
        t.append("|---:|---:|---:|---:|---:|---:|\n");
        for (int tasks : parallelisms()) {
            Optional<ThroughputResult> plain = find(INCREMENT, tasks, false);
            Optional<ThroughputResult> perPoll = find(INCREMENT, tasks, true);
            Optional<ThroughputResult> interval = find(ConnectorLoad.INCREMENT_INTERVAL_TRANSACTIONS_LABEL, tasks, true);
            if (perPoll.isEmpty() && interval.isEmpty()) {
                continue;
            }
            t.append(String.format("| %d | %s | %s | %s | %s | %s |%n", tasks,
                    plain.map(p -> p.recordsPerSecond().render("%.0f")).orElse("—"), rate(perPoll),
                    cost(plain, perPoll), rate(interval), cost(plain, interval)));
        }
        return t.toString();
    }

    private static String rate(Optional<ThroughputResult> result) {
        return result.map(r -> r.recordsPerSecond().render("%.0f")).orElse("—");
    }

    /** What exactly-once takes off at-least-once, from the medians. */
    private static String cost(Optional<ThroughputResult> atLeastOnce, Optional<ThroughputResult> exactlyOnce) {
        if (exactlyOnce.isEmpty()) {
            return "—";
        }
        return atLeastOnce.map(p -> String.format("%.0f %%", 100 * (1 - exactlyOnce.get().recordsPerSecond().median()
                / p.recordsPerSecond().median()))).orElse("— (throughput section not run)");
    }

    private String failoverTable() {
        StringBuilder t = new StringBuilder("## Failover: how long each sequence stood still, from record timestamps"
                + "\n\n2 workers, 1 task each, " + FailoverBench.RATE + " records/s per sequence; session timeout "
                + ClusterTiming.SESSION_TIMEOUT.toSeconds() + " s (default); the rebalance delay "
                + "(`scheduled.rebalance.max.delay.ms`): " + rebalanceDelays() + ". " + FailoverSection.LAYOUT + "\n\n");
        t.append("| case | rebalance delay (s) | sequence on the killed worker (s) | sequence on the other worker (s) |\n");
        t.append("|---|---:|---:|---:|\n");
        for (FailoverResult r : failover) {
            t.append(String.format("| %s | %d | %s | %s |%n", r.failoverCase().description(),
                    r.rebalanceDelay().toSeconds(), r.killedSide().render("%.1f"),
                    r.otherSide().runs() == 0 ? "—" : r.otherSide().render("%.1f")));
        }
        return t.toString();
    }

    /** The rebalance delays of the failover rows, e.g. {@code 10 s and 0 s}. */
    private String rebalanceDelays() {
        return failover.stream().map(r -> r.rebalanceDelay().toSeconds() + " s").distinct()
                .collect(Collectors.joining(" and "));
    }

    private String startupTable() {
        StringBuilder t = new StringBuilder("## Start-up and memory\n\n");
        t.append("| cold start (fresh data, broker + workers + the default connector) | to first record (s) "
                + "| RSS at rest (MiB) |\n");
        t.append("|---|---:|---|\n");
        for (ColdStart c : coldStarts) {
            t.append(String.format("| %s | %.1f | %s |%n", c.label(), c.toFirstRecord().toMillis() / 1000.0,
                    rss(c.restRssMib())));
        }
        if (coldStarts.size() > 1) {
            t.append(String.format("| median of %d | %s | |%n", coldStarts.size(), Stats.of(coldStarts.stream()
                    .map(c -> c.toFirstRecord().toMillis() / 1000.0).toList()).render("%.1f")));
        }
        t.append("\n");
        throughput.stream().filter(r -> !r.label().equals(PRODUCER_PERFORMANCE)).forEach(r -> t.append(String.format(
                "%n- RSS under load, %s %d task(s)%s (largest at the end of a window): %s MiB", r.label(),
                r.parallelism(), r.exactlyOnce() ? " exactly-once" : "", rss(r.peakRssMib()))));
        return t.append("\n").toString();
    }

    private static String rss(Map<String, Long> rss) {
        return rss.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private List<Integer> parallelisms() {
        return throughput.stream().map(ThroughputResult::parallelism).distinct().sorted().toList();
    }

    private Optional<ThroughputResult> find(String label, int parallelism, boolean exactlyOnce) {
        return throughput.stream().filter(r -> r.label().equals(label) && r.parallelism() == parallelism
                && r.exactlyOnce() == exactlyOnce).findFirst();
    }

    private String ratio(String label, String peer, int parallelism) {
        Optional<ThroughputResult> a = find(label, parallelism, false);
        Optional<ThroughputResult> b = find(peer, parallelism, false);
        if (a.isEmpty() || b.isEmpty()) {
            return "—";
        }
        return String.format("%.2f", a.get().recordsPerSecond().median() / b.get().recordsPerSecond().median());
    }
}
