package com.example.increment.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

import com.example.increment.local.LocalConnectCluster;
import com.example.increment.support.Waits;

/**
 * Runs a load, lets it warm up, then counts what lands in Kafka over consecutive windows: records from end offsets,
 * or, with exactly-once (whose commit markers take offsets too), with a {@code read_committed} consumer afterwards.
 *
 * <p>A measured load keeps running until the next one runs (or {@link #close()}): deleting a connector sets off a
 * rebalance of the Connect group, and a connector created during it waits for it to end (a heartbeat, ~3 s). Created
 * first, the next connector starts at once and the old one's deletion and shutdown fall into the new one's warm-up.
 */
public final class ThroughputBench implements AutoCloseable {

    private static final Duration FIRST_RECORD_TIMEOUT = Duration.ofSeconds(90);
    /** Two sequences per task with 2 tasks (IncrementSourceConnector groups the increments evenly). */
    private static final String JIT_WARMUP_INCREMENTS = "1,100,2,200";
    /** Records per partition whose size is averaged, from the last window (values grow with the position). */
    private static final int SIZE_SAMPLE = 2000;

    private final LocalConnectCluster cluster;
    private final BenchOptions options;
    private final WorkerShape worker;
    /** The load measured last, still running; stopped once the next one runs. */
    private Load running;

    public ThroughputBench(LocalConnectCluster cluster, BenchOptions options, WorkerShape worker) {
        this.cluster = cluster;
        this.options = options;
        this.worker = worker;
    }

    private record Window(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, long nanos) {
    }

    public ThroughputResult measure(Load load, boolean exactlyOnce) throws Exception {
        return measure(load, exactlyOnce, false);
    }

    /**
     * As {@link #measure(Load, boolean)}; with {@code profile}, JFR records the workers over the windows, into
     * {@code <out>/profiles/<load>/} (its overhead, a few %, is in that figure).
     */
    public ThroughputResult measure(Load load, boolean exactlyOnce, boolean profile) throws Exception {
        System.out.printf("  %s on the %s, %d in parallel%s: warm-up %d s, %d x %d s%n", load.label(),
                worker.label(), load.parallelism(),
                exactlyOnce ? ", exactly-once" : "", options.warmup().toSeconds(), options.runs(),
                options.window().toSeconds());
        List<Window> windows = new ArrayList<>();
        Map<String, Long> peakRss = new TreeMap<>();
        PhaseClock clock = new PhaseClock();
        try (LandedRecords landed = new LandedRecords(cluster.bootstrapServers())) {
            try {
                load.start();
            } finally {
                stopRunning();
            }
            running = load;
            List<TopicPartition> partitions = Waits.waitFor(load.label() + " to land records in every topic of "
                    + load.topics(), FIRST_RECORD_TIMEOUT, () -> {
                        List<TopicPartition> tps = landed.partitions(load.topics());
                        return landed.endOffsets(tps).values().stream().allMatch(o -> o > 0) ? tps : null;
                    }, tps -> tps != null);
            clock.lap("start to first record");
            pause(options.warmup()); // warm-up: JIT, producer batching and rebalances settle; not counted
            Map<String, Long> pids = new LinkedHashMap<>(ClusterProcesses.pids(cluster));
            pids.putAll(load.pids());
            JfrProfile recording = profile ? JfrProfile.start(profileDir(load, exactlyOnce), workers(pids)) : null;
            Map<String, Duration> cpuBefore = ClusterProcesses.cpuTime(pids);
            long windowsStart = System.nanoTime();
            for (int run = 0; run < options.runs(); run++) {
                Map<TopicPartition, Long> from = landed.endOffsets(partitions);
                long start = System.nanoTime();
                pause(options.window());
                Map<TopicPartition, Long> to = landed.endOffsets(partitions);
                windows.add(new Window(from, to, System.nanoTime() - start));
                ClusterProcesses.rssMib(cluster).forEach((name, mib) -> peakRss.merge(name, mib, Math::max));
            }
            Map<String, Double> cpu = cpuPercent(cpuBefore, ClusterProcesses.cpuTime(pids),
                    System.nanoTime() - windowsStart);
            Optional<ProfileSummary> summary = recording == null ? Optional.empty() : Optional.of(recording.stop());
            clock.lap("warm-up and windows");
            if (exactlyOnce) {
                stopRunning(); // the read_committed count reads millions of records: slow next to a running load
            }
            Map<TopicPartition, Long> lastWindow = windows.get(windows.size() - 1).from();
            double recordBytes = partitions.stream()
                    .mapToDouble(tp -> landed.meanRecordBytes(tp, lastWindow.get(tp), SIZE_SAMPLE)).average().orElseThrow();
            List<Double> recordsPerSecond = new ArrayList<>();
            for (Window w : windows) {
                long records = exactlyOnce ? landed.committedBetween(w.from(), w.to())
                        : LandedRecords.sum(w.to()) - LandedRecords.sum(w.from());
                recordsPerSecond.add(records / (w.nanos() / 1e9));
            }
            clock.lap(exactlyOnce ? "record size and read_committed count" : "record size");
            List<Double> megabytesPerSecond = recordsPerSecond.stream().map(r -> r * recordBytes / 1e6).toList();
            ThroughputResult result = new ThroughputResult(load.label(), worker, load.parallelism(), exactlyOnce,
                    recordBytes,
                    Stats.of(recordsPerSecond), Stats.of(megabytesPerSecond), peakRss, cpu, summary);
            System.out.printf("    %s records/s, %.1f bytes/record; CPU %% of a core %s; %s%n",
                    result.recordsPerSecond().render("%.0f"), recordBytes, BenchReport.cpu(cpu), clock);
            summary.ifPresent(p -> System.out.print(p.render().indent(4)));
            return result;
        }
    }

    /**
     * Runs IncrementSource unthrottled on every worker of the fresh cluster for {@code --jit-warmup}, measuring nothing,
     * so that no figure is taken while a worker's JIT still compiles: on 2 cores a new worker needs ~15 s of full load
     * (its rate climbs from ~70,000 to ~700,000 records/s meanwhile), far more than one load's warm-up. Four sequences
     * in two tasks: each worker runs a task of two sequences, the shape of the 1-task loads (the 2-task loads' one
     * sequence per task is then warm as well). It keeps running until the first measured load runs.
     */
    public void warmUpWorkers() throws InterruptedException {
        if (options.jitWarmup().isZero()) {
            return;
        }
        ConnectorLoad load = ConnectorLoad.increment(cluster, "jit-warmup", BenchMain.WORKERS)
                .with("increments", JIT_WARMUP_INCREMENTS);
        System.out.printf("  JIT warm-up of the workers: IncrementSource, %d tasks of 2 sequences, unthrottled, %d s, "
                + "not measured%n", BenchMain.WORKERS, options.jitWarmup().toSeconds());
        stopRunning();
        load.start();
        running = load;
        pause(options.jitWarmup());
    }

    /** Each process's CPU time between two snapshots over the wall time between them, in % of one core. */
    static Map<String, Double> cpuPercent(Map<String, Duration> before, Map<String, Duration> after, long wallNanos) {
        Map<String, Double> percent = new LinkedHashMap<>();
        after.forEach((name, cpu) -> {
            Duration start = before.get(name);
            if (start != null) {
                percent.put(name, 100.0 * cpu.minus(start).toNanos() / wallNanos);
            }
        });
        return percent;
    }

    private static Map<String, Long> workers(Map<String, Long> pids) {
        Map<String, Long> workers = new LinkedHashMap<>(pids);
        workers.keySet().removeIf(name -> !name.startsWith("worker-"));
        return workers;
    }

    /** {@code <out>/profiles/<label>-<n>[-eos]}, e.g. {@code incrementsource-load-generator-1}. */
    private Path profileDir(Load load, boolean exactlyOnce) {
        String slug = load.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        String name = slug + "-" + load.parallelism() + (exactlyOnce ? "-eos" : "")
                + (worker == WorkerShape.CHART ? "-chart-worker" : "");
        return options.outDir().resolve("profiles").resolve(name);
    }

    /** Stops the load measured last, if it still runs. */
    @Override
    public void close() {
        stopRunning();
    }

    private void stopRunning() {
        if (running != null) {
            Load last = running;
            running = null;
            last.stop();
        }
    }

    /** A measurement window or warm-up: the point is to let time pass while the load runs. */
    static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
