package com.example.increment.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

import com.example.increment.cluster.LocalConnectCluster;
import com.example.increment.cluster.Waits;

/**
 * Runs a load, lets it warm up, then counts what lands in Kafka over consecutive windows: records from end offsets,
 * or, with exactly-once (whose commit markers take offsets too), with a {@code read_committed} consumer afterwards.
 */
public final class ThroughputBench {

    private static final Duration FIRST_RECORD_TIMEOUT = Duration.ofSeconds(90);
    /** Records per partition whose size is averaged, from the last window (values grow with the position). */
    private static final int SIZE_SAMPLE = 2000;

    private final LocalConnectCluster cluster;
    private final BenchOptions options;

    public ThroughputBench(LocalConnectCluster cluster, BenchOptions options) {
        this.cluster = cluster;
        this.options = options;
    }

    private record Window(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, long nanos) {
    }

    public ThroughputResult measure(Load load, boolean exactlyOnce) throws Exception {
        System.out.printf("  %s, %d in parallel%s: warm-up %d s, %d x %d s%n", load.label(), load.parallelism(),
                exactlyOnce ? ", exactly-once" : "", options.warmup().toSeconds(), options.runs(),
                options.window().toSeconds());
        List<Window> windows = new ArrayList<>();
        Map<String, Long> peakRss = new TreeMap<>();
        try (LandedRecords landed = new LandedRecords(cluster.bootstrapServers())) {
            load.start();
            List<TopicPartition> partitions;
            try {
                partitions = Waits.waitFor(load.label() + " to land records in every topic of " + load.topics(),
                        FIRST_RECORD_TIMEOUT, () -> {
                            List<TopicPartition> tps = landed.partitions(load.topics());
                            return landed.endOffsets(tps).values().stream().allMatch(o -> o > 0) ? tps : null;
                        }, tps -> tps != null);
                pause(options.warmup()); // warm-up: JIT, producer batching and rebalances settle; not counted
                for (int run = 0; run < options.runs(); run++) {
                    Map<TopicPartition, Long> from = landed.endOffsets(partitions);
                    long start = System.nanoTime();
                    pause(options.window());
                    Map<TopicPartition, Long> to = landed.endOffsets(partitions);
                    windows.add(new Window(from, to, System.nanoTime() - start));
                    ClusterProcesses.rssMib(cluster).forEach((name, mib) -> peakRss.merge(name, mib, Math::max));
                }
            } finally {
                load.stop();
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
            List<Double> megabytesPerSecond = recordsPerSecond.stream().map(r -> r * recordBytes / 1e6).toList();
            ThroughputResult result = new ThroughputResult(load.label(), load.parallelism(), exactlyOnce, recordBytes,
                    Stats.of(recordsPerSecond), Stats.of(megabytesPerSecond), peakRss);
            System.out.printf("    %s records/s, %.1f bytes/record%n", result.recordsPerSecond().render("%.0f"),
                    recordBytes);
            return result;
        }
    }

    /** A measurement window or warm-up: the point is to let time pass while the load runs. */
    static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
