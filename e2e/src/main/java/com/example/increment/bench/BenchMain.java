package com.example.increment.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.example.increment.bench.BenchOptions.Section;
import com.example.increment.cluster.LocalConnectCluster;
import com.example.increment.cluster.WorkerConfigs;

/**
 * {@code make bench} and {@code make bench-soak}: starts local clusters, measures, prints the tables and writes
 * them with the machine's description to {@code <out>/bench-<time>.md} and {@code <out>/latest.md}.
 */
public final class BenchMain {

    static final int WORKERS = 2;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final BenchOptions options;

    public BenchMain(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        BenchMain bench = new BenchMain(options);
        Path written = options.has(Section.SOAK) ? bench.write("soak", bench.soak().render())
                : bench.write("bench", bench.bench().render());
        System.out.println("\n" + Files.readString(written));
        System.out.println("Written to " + written.toAbsolutePath());
        System.exit(0); // Kafka clients may leave non-daemon threads behind
    }

    /** Runs the selected sections of {@code make bench}. */
    public BenchReport bench() throws Exception {
        ZonedDateTime startedAt = ZonedDateTime.now();
        long start = System.nanoTime();
        MachineDescription machine = MachineDescription.current();
        List<ColdStart> coldStarts = new ArrayList<>();
        List<ThroughputResult> throughput = new ArrayList<>();
        List<FailoverResult> failover = new ArrayList<>();
        if (options.has(Section.THROUGHPUT)) {
            ColdStart cold = ColdStart.start("at-least-once", WORKERS, Map.of());
            coldStarts.add(cold);
            on(cold, cluster -> {
                ThroughputBench bench = new ThroughputBench(cluster, options);
                for (int tasks = 1; tasks <= WORKERS; tasks++) {
                    ConnectorLoad incrementLoad = ConnectorLoad.increment(cluster, "inc-t" + tasks, tasks);
                    ThroughputResult increment = bench.measure(incrementLoad, false);
                    throughput.add(increment);
                    throughput.add(bench.measure(ConnectorLoad.incrementWithProducerBuffer(cluster, "inc-small-t" + tasks,
                            tasks, ConnectorLoad.SMALL_PRODUCER_BUFFER), false));
                    throughput.add(bench.measure(ConnectorLoad.verifiable(cluster, "ver-t" + tasks, tasks), false));
                    int partitionsPerTask = incrementLoad.topics().size() / tasks; // one partition per sequence topic
                    throughput.add(bench.measure(new ProducerPerformanceLoad(cluster, "pp-p" + tasks, tasks,
                            partitionsPerTask, (int) Math.round(increment.recordBytes())), false));
                }
            });
        }
        if (options.has(Section.EOS)) {
            ColdStart cold = ColdStart.start("exactly-once", WORKERS,
                    Map.of(WorkerConfigs.EXACTLY_ONCE_SOURCE_SUPPORT, "enabled"));
            coldStarts.add(cold);
            on(cold, cluster -> {
                ThroughputBench bench = new ThroughputBench(cluster, options);
                for (int tasks = 1; tasks <= WORKERS; tasks++) {
                    throughput.add(bench.measure(ConnectorLoad.increment(cluster, "eos-t" + tasks, tasks), true));
                }
            });
        }
        if (options.has(Section.FAILOVER)) {
            for (Duration dwell : options.dwell().isZero() ? List.of(Duration.ZERO)
                    : List.of(options.dwell(), Duration.ZERO)) {
                ColdStart cold = ColdStart.start("failover-d" + dwell.toSeconds(), WORKERS,
                        Map.of(WorkerConfigs.SCHEDULED_REBALANCE_MAX_DELAY_MS, Long.toString(dwell.toMillis())));
                coldStarts.add(cold);
                on(cold, cluster -> {
                    System.out.printf("Failover, D = %d s%n", dwell.toSeconds());
                    FailoverBench bench = new FailoverBench(cluster, dwell);
                    for (FailoverBench.Case c : FailoverBench.Case.values()) {
                        failover.add(bench.measure(c, options.failoverRuns()));
                    }
                });
            }
        }
        return new BenchReport(startedAt, Duration.ofNanos(System.nanoTime() - start), machine, options, coldStarts,
                throughput, failover);
    }

    /** {@code make bench-soak}. */
    public SoakReport soak() throws Exception {
        ZonedDateTime startedAt = ZonedDateTime.now();
        MachineDescription machine = MachineDescription.current();
        ColdStart cold = ColdStart.start("soak", WORKERS, Map.of());
        List<SoakBench.Sample> samples = new ArrayList<>();
        on(cold, cluster -> samples.addAll(new SoakBench(cluster, options).run()));
        return new SoakReport(startedAt, machine, options, samples);
    }

    /** Measurements on a started cluster. */
    private interface ClusterWork {
        void run(LocalConnectCluster cluster) throws Exception;
    }

    /**
     * Runs {@code work}, then stops the cluster and deletes its broker data (only load, gigabytes nobody reads
     * again) and, when the work succeeded, its logs too (VerifiableSource prints every record into a worker's log).
     */
    private static void on(ColdStart cold, ClusterWork work) throws Exception {
        LocalConnectCluster cluster = cold.cluster();
        boolean succeeded = false;
        try {
            work.run(cluster);
            succeeded = true;
        } finally {
            cluster.close();
            delete(cluster.settings().dataDir());
            if (succeeded) {
                delete(cluster.settings().logDir());
                deleteIfEmpty(cluster.settings().logDir().getParent());
            } else {
                System.err.println("Logs kept in " + cluster.settings().logDir());
            }
        }
    }

    /** Writes the report as {@code <kind>-<time>.md} and {@code latest}/{@code soak-latest}; returns the first. */
    Path write(String kind, String markdown) throws IOException {
        Files.createDirectories(options.outDir());
        Path file = options.outDir().resolve(kind + "-" + ZonedDateTime.now().format(STAMP) + ".md");
        Files.writeString(file, markdown);
        Files.writeString(options.outDir().resolve(kind.equals("bench") ? "latest.md" : "soak-latest.md"), markdown);
        return file;
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
