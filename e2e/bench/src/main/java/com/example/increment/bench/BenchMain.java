package com.example.increment.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.increment.bench.BenchOptions.Section;
import com.example.increment.bench.ProducerPerformanceLoad.Settings;
import com.example.increment.connect.IncrementConnector;
import com.example.increment.local.LocalConnectCluster;
import com.example.increment.local.WorkerConfigs;

/**
 * {@code make bench} and {@code make bench-soak}: starts local clusters, measures, prints the tables and writes
 * them with the machine's description to {@code <out>/bench-<time>.md} and {@code <out>/latest.md}.
 */
public final class BenchMain {

    static final int WORKERS = 2;
    /** Tasks of the load generator rows: where does Connect's throughput stop growing on this machine? */
    static final List<Integer> LOAD_GENERATOR_TASKS = List.of(1, 2, 4);
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
        Map<String, Duration> sectionTimes = new LinkedHashMap<>();
        if (options.has(Section.THROUGHPUT)) {
            timed("throughput", sectionTimes, () -> {
                ColdStart cold = ColdStart.start("at-least-once", WORKERS, Map.of());
                coldStarts.add(cold);
                on(cold, cluster -> throughput.addAll(onChartWorkers(cluster)));
                ColdStart loadGenerator = ColdStart.start("load-generator", WORKERS, Map.of(),
                        WorkerShape.LOAD_GENERATOR);
                coldStarts.add(loadGenerator);
                on(loadGenerator, cluster -> throughput.addAll(onLoadGeneratorWorkers(cluster, false)));
            });
        }
        if (options.has(Section.EOS)) {
            timed("eos", sectionTimes, () -> {
                ColdStart cold = ColdStart.start("exactly-once", WORKERS,
                        Map.of(WorkerConfigs.EXACTLY_ONCE_SOURCE_SUPPORT, "enabled"), WorkerShape.LOAD_GENERATOR);
                coldStarts.add(cold);
                on(cold, cluster -> throughput.addAll(onLoadGeneratorWorkers(cluster, true)));
            });
        }
        if (options.has(Section.FAILOVER)) {
            timed("failover", sectionTimes, () -> {
                Duration first = FailoverSection.rebalanceDelays(options).get(0);
                ColdStart cold = ColdStart.start(FailoverSection.groupName(first, ""), WORKERS,
                        FailoverBench.timing(first, options.sessionTimeout()).workerConfig());
                coldStarts.add(cold);
                on(cold, cluster -> failover.addAll(new FailoverSection(options).run(cluster)));
            });
        }
        List<OperationResult> operations = new ArrayList<>();
        if (options.has(Section.OPERATIONS)) {
            timed("operations", sectionTimes, () -> operations.addAll(new OperationsSection(options.outDir()).run()));
        }
        return new BenchReport(startedAt, Duration.ofNanos(System.nanoTime() - start), sectionTimes, machine, options,
                coldStarts, throughput, failover, operations);
    }

    /**
     * On workers sized as the chart sizes them, with 1 task, then 2 (one per worker): IncrementSource (default
     * settings), with 1 task also unbounded (what {@code max.unacknowledged.records} buys) and with the load
     * generator's connector settings (what they buy alone), VerifiableSource, and ProducerPerformance at
     * IncrementSource's record size with a source task's producer settings. ProducerPerformance's JVMs run right
     * after a connector, whose workers are then still busy with what it printed; the table lists them in its order.
     */
    private List<ThroughputResult> onChartWorkers(LocalConnectCluster cluster) throws Exception {
        try (ThroughputBench bench = new ThroughputBench(cluster, options, WorkerShape.CHART)) {
            bench.warmUpWorkers();
            ThroughputResult increment1 = bench.measure(ConnectorLoad.increment(cluster, "inc-t1", 1), false, true);
            ThroughputResult verifiable1 = bench.measure(ConnectorLoad.verifiable(cluster, "ver-t1", 1), false);
            ThroughputResult unbounded1 = bench.measure(
                    ConnectorLoad.incrementUnbounded(cluster, "inc-unbounded-t1", 1), false);
            ThroughputResult producer1 = bench.measure(producerPerformance(cluster, Settings.CONNECT_TASK, 1,
                    increment1), false);
            ThroughputResult generator1 = bench.measure(ConnectorLoad.loadGenerator(cluster, "gen-chart-t1", 1),
                    false, true);
            ThroughputResult increment2 = bench.measure(ConnectorLoad.increment(cluster, "inc-t2", 2), false);
            ThroughputResult producer2 = bench.measure(producerPerformance(cluster, Settings.CONNECT_TASK, 2,
                    increment2), false);
            ThroughputResult verifiable2 = bench.measure(ConnectorLoad.verifiable(cluster, "ver-t2", 2), false);
            return List.of(increment1, unbounded1, generator1, verifiable1, producer1, increment2, verifiable2,
                    producer2);
        }
    }

    /**
     * On the load generator's workers: the tuned producer (the limit), IncrementSource with default settings (what
     * the worker's heap buys alone), and the load generator with 1, 2 and 4 tasks, each profiled. With
     * {@code exactlyOnce} (a cluster with exactly-once source support) the same connector loads, counted with a
     * read_committed consumer, and no producer row.
     */
    private List<ThroughputResult> onLoadGeneratorWorkers(LocalConnectCluster cluster, boolean exactlyOnce)
            throws Exception {
        String eos = exactlyOnce ? "eos-" : "";
        try (ThroughputBench bench = new ThroughputBench(cluster, options, WorkerShape.LOAD_GENERATOR)) {
            bench.warmUpWorkers();
            List<ThroughputResult> results = new ArrayList<>();
            ThroughputResult increment1 = bench.measure(ConnectorLoad.increment(cluster, eos + "inc-t1", 1),
                    exactlyOnce, true);
            results.add(increment1);
            for (int tasks : LOAD_GENERATOR_TASKS) {
                results.add(bench.measure(ConnectorLoad.loadGenerator(cluster, eos + "gen-t" + tasks, tasks),
                        exactlyOnce, true));
            }
            if (exactlyOnce) {
                results.add(bench.measure(ConnectorLoad.incrementIntervalTransactions(cluster, "eos-interval-t1", 1),
                        true));
            } else {
                results.add(bench.measure(new ProducerPerformanceLoad(cluster, Settings.TUNED, "pp-tuned-p1", 1,
                        LoadGenerator.preset().increments().split(",").length,
                        (int) Math.round(results.get(1).recordBytes())),
                        false, false));
            }
            return results;
        }
    }

    /** As many producers as IncrementSource had tasks, each writing as many partitions as one task, at its size. */
    private static ProducerPerformanceLoad producerPerformance(LocalConnectCluster cluster, Settings settings,
                                                               int producers, ThroughputResult increment) {
        int partitionsPerProducer = IncrementConnector.INCREMENTS.split(",").length / producers; // one per sequence
        return new ProducerPerformanceLoad(cluster, settings, "pp-p" + producers, producers, partitionsPerProducer,
                (int) Math.round(increment.recordBytes()));
    }

    /** A section of the bench; its wall time (cluster start and teardown included) is printed and reported. */
    private interface SectionWork {
        void run() throws Exception;
    }

    private static void timed(String section, Map<String, Duration> times, SectionWork work) throws Exception {
        long start = System.nanoTime();
        work.run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        times.put(section, took);
        System.out.printf("%s section: %d s%n", section, took.toSeconds());
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

    /** Runs {@code work}, then ends the cluster and deletes its data (and logs when the work succeeded). */
    private static void on(ColdStart cold, ClusterWork work) throws Exception {
        LocalConnectCluster cluster = cold.cluster();
        boolean succeeded = false;
        try {
            work.run(cluster);
            succeeded = true;
        } finally {
            ClusterTeardown.discard(cluster, succeeded);
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
}
