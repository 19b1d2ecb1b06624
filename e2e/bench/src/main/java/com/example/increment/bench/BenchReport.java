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
    static final String CONNECT_TASK_PRODUCER = ProducerPerformanceLoad.Settings.CONNECT_TASK.label();
    static final String TUNED_PRODUCER = ProducerPerformanceLoad.Settings.TUNED.label();

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
            md.append("\n").append(ceilingTable());
            md.append("\n").append(ratioTable());
        }
        if (throughput.stream().anyMatch(ThroughputResult::exactlyOnce)) {
            md.append("\n").append(exactlyOnceTable());
        }
        if (throughput.stream().anyMatch(r -> r.profile().isPresent())) {
            md.append("\n").append(profileTable());
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
        t.append("| load | workers | tasks / producers | exactly-once | record bytes (key + value) | records/s | MB/s "
                + "| CPU, % of one core (2 cores = 200) |\n");
        t.append("|---|---|---:|---|---:|---:|---:|---|\n");
        for (ThroughputResult r : throughput) {
            t.append(String.format("| %s | %s | %d | %s | %.1f | %s | %s | %s |%n", r.label(), r.worker().label(),
                    r.parallelism(), r.exactlyOnce() ? "yes" : "no", r.recordBytes(),
                    r.recordsPerSecond().render("%.0f"), r.megabytesPerSecond().render("%.2f"), cpu(r.cpuPercent())));
        }
        return t.toString();
    }

    /** CPU per process, e.g. {@code broker 24, worker-1 108, worker-2 1}. */
    static String cpu(Map<String, Double> percent) {
        return perProcess(percent, "%.0f");
    }

    private static String perProcess(Map<String, Double> values, String format) {
        return values.entrySet().stream().map(e -> e.getKey() + " " + String.format(format, e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** The load generator against the limit, and what each of its settings moved, all with 1 task. */
    private String ceilingTable() {
        Optional<ThroughputResult> limit = find(TUNED_PRODUCER, WorkerShape.LOAD_GENERATOR, 1, false);
        StringBuilder t = new StringBuilder("## Against the limit: one task next to one tuned producer\n\n");
        t.append("| load, 1 task | workers | records/s | ÷ " + TUNED_PRODUCER + " (goal ≥ 0.8) |\n");
        t.append("|---|---|---:|---:|\n");
        for (ThroughputResult r : throughput) {
            if (r.parallelism() == 1 && !r.exactlyOnce() && (r.label().equals(INCREMENT)
                    || r.label().equals(ConnectorLoad.LOAD_GENERATOR_LABEL) || r.label().equals(TUNED_PRODUCER))) {
                t.append(String.format("| %s | %s | %s | %s |%n", r.label(), r.worker().label(),
                        r.recordsPerSecond().render("%.0f"), limit.map(l -> String.format("%.2f",
                                r.recordsPerSecond().median() / l.recordsPerSecond().median())).orElse("—")));
            }
        }
        return t.toString();
    }

    private String ratioTable() {
        StringBuilder t = new StringBuilder("## Ratios on the chart's workers (medians, at-least-once)\n\n");
        t.append("| tasks | IncrementSource ÷ VerifiableSource (goal > 1) | IncrementSource ÷ " + CONNECT_TASK_PRODUCER
                + " | IncrementSource ÷ IncrementSource, unbounded (what " + ConnectorLoad.MAX_UNACKNOWLEDGED_RECORDS
                + " buys) |\n|---:|---:|---:|---:|\n");
        for (int tasks : parallelisms(WorkerShape.CHART)) {
            t.append(String.format("| %d | %s | %s | %s |%n", tasks, ratio(INCREMENT, VERIFIABLE, tasks),
                    ratio(INCREMENT, CONNECT_TASK_PRODUCER, tasks),
                    ratio(INCREMENT, ConnectorLoad.INCREMENT_UNBOUNDED_LABEL, tasks)));
        }
        return t.toString();
    }

    private String exactlyOnceTable() {
        StringBuilder t = new StringBuilder("## Cost of exactly-once (exactly.once.source.support=enabled; counted "
                + "with a read_committed consumer; against the same load at-least-once on the same workers)\n\n");
        t.append("| load | workers | tasks | at-least-once records/s | exactly-once records/s "
                + "| cost (goal < 20 %) |\n");
        t.append("|---|---|---:|---:|---:|---:|\n");
        for (ThroughputResult eos : throughput) {
            if (!eos.exactlyOnce()) {
                continue;
            }
            String plainLabel = eos.label().equals(ConnectorLoad.INCREMENT_INTERVAL_TRANSACTIONS_LABEL) ? INCREMENT
                    : eos.label();
            Optional<ThroughputResult> plain = find(plainLabel, eos.worker(), eos.parallelism(), false);
            t.append(String.format("| %s | %s | %d | %s | %s | %s |%n", eos.label(), eos.worker().label(),
                    eos.parallelism(), rate(plain), eos.recordsPerSecond().render("%.0f"), cost(plain, eos)));
        }
        return t.toString();
    }

    /** Where the time of the profiled loads went: the workers' GC pauses and the task threads' stages. */
    private String profileTable() {
        StringBuilder t = new StringBuilder("## Where the time goes (JFR in the workers over the windows; files in "
                + "`" + options.outDir().resolve("profiles") + "/`)\n\n");
        t.append("| load | workers | tasks | exactly-once | GC pauses, % of wall time | ");
        ProfileSummary.STAGES.forEach(s -> t.append(s.name()).append(", % of task-thread samples | "));
        t.append("hottest methods of the task threads (self) |\n|---|---|---:|---|---|");
        ProfileSummary.STAGES.forEach(s -> t.append("---:|"));
        t.append("---|\n");
        for (ThroughputResult r : throughput) {
            if (r.profile().isEmpty()) {
                continue;
            }
            ProfileSummary p = r.profile().get();
            t.append(String.format("| %s | %s | %d | %s | %s | ", r.label(), r.worker().label(), r.parallelism(),
                    r.exactlyOnce() ? "yes" : "no", perProcess(p.gcPausePercent(), "%.1f")));
            p.stagePercent().values().forEach(v -> t.append(String.format("%.0f | ", v)));
            t.append(p.hotMethods().entrySet().stream().limit(3).map(e -> String.format("%s %.0f %%",
                    shortName(e.getKey()), e.getValue())).collect(Collectors.joining(", "))).append(" |\n");
        }
        return t.toString();
    }

    /** {@code com.fasterxml.jackson.databind.ObjectMapper.writeValueAsBytes} as {@code ObjectMapper.writeValue...}. */
    static String shortName(String method) {
        int dot = method.lastIndexOf('.', method.lastIndexOf('.') - 1);
        return dot < 0 ? method : method.substring(dot + 1);
    }

    private static String rate(Optional<ThroughputResult> result) {
        return result.map(r -> r.recordsPerSecond().render("%.0f")).orElse("—");
    }

    /** What exactly-once takes off at-least-once, from the medians. */
    private static String cost(Optional<ThroughputResult> atLeastOnce, ThroughputResult exactlyOnce) {
        return atLeastOnce.map(p -> String.format("%.0f %%", 100 * (1 - exactlyOnce.recordsPerSecond().median()
                / p.recordsPerSecond().median()))).orElse("— (throughput section not run)");
    }

    private String failoverTable() {
        StringBuilder t = new StringBuilder("## Failover: how long each sequence stood still, from record timestamps"
                + "\n\n2 workers, 1 task each, " + FailoverBench.RATE + " records/s per sequence; session timeout "
                + options.sessionTimeout().toSeconds() + " s" + (options.sessionTimeout().equals(ClusterTiming
                .SESSION_TIMEOUT) ? " (default)" : "") + "; the rebalance delay "
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
        throughput.stream().filter(r -> !r.label().startsWith("ProducerPerformance"))
                .forEach(r -> t.append(String.format("%n- RSS under load, %s on the %s, %d task(s)%s (largest at the "
                        + "end of a window): %s MiB", r.label(), r.worker().label(), r.parallelism(),
                        r.exactlyOnce() ? " exactly-once" : "", rss(r.peakRssMib()))));
        return t.append("\n").toString();
    }

    private static String rss(Map<String, Long> rss) {
        return rss.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private List<Integer> parallelisms(WorkerShape worker) {
        return throughput.stream().filter(r -> r.worker() == worker).map(ThroughputResult::parallelism).distinct()
                .sorted().toList();
    }

    private Optional<ThroughputResult> find(String label, WorkerShape worker, int parallelism, boolean exactlyOnce) {
        return throughput.stream().filter(r -> r.label().equals(label) && r.worker() == worker
                && r.parallelism() == parallelism && r.exactlyOnce() == exactlyOnce).findFirst();
    }

    /** A ratio of two at-least-once medians on the chart's workers. */
    private String ratio(String label, String peer, int parallelism) {
        Optional<ThroughputResult> a = find(label, WorkerShape.CHART, parallelism, false);
        Optional<ThroughputResult> b = find(peer, WorkerShape.CHART, parallelism, false);
        if (a.isEmpty() || b.isEmpty()) {
            return "—";
        }
        return String.format("%.2f", a.get().recordsPerSecond().median() / b.get().recordsPerSecond().median());
    }
}
