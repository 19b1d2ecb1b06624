package com.example.increment.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.increment.local.LocalConnectCluster;

/**
 * {@code make bench-soak}: IncrementSource at a steady rate for a long time while each worker's live heap (after a
 * full GC) is sampled. A steady rate, not unthrottled, so that every minute does the same work and the disk holds.
 */
public final class SoakBench {

    /** Records per second per sequence (two sequences): ~1 MB/s into the broker, ~0.7 GB in ten minutes. */
    public static final int RATE = 10_000;

    /** Live heap of each worker at one moment of the run. */
    public record Sample(Duration elapsed, Map<String, Long> liveHeapMib) {
    }

    private final LocalConnectCluster cluster;
    private final BenchOptions options;
    private final HeapSampler heap = new HeapSampler();

    public SoakBench(LocalConnectCluster cluster, BenchOptions options) {
        this.cluster = cluster;
        this.options = options;
    }

    public List<Sample> run() throws Exception {
        ConnectorLoad load = ConnectorLoad.increment(cluster, "soak", 2)
                .with("records.per.second", Integer.toString(RATE));
        System.out.printf("Soak: IncrementSource, 2 tasks, %d records/s per sequence, for %d s, heap every %d s%n",
                RATE, options.soak().toSeconds(), options.soakInterval().toSeconds());
        List<Sample> samples = new ArrayList<>();
        load.start();
        try {
            long start = System.nanoTime();
            Duration end = options.soak();
            while (true) {
                ThroughputBench.pause(options.soakInterval());
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                Map<String, Long> live = new LinkedHashMap<>();
                ClusterProcesses.pids(cluster).forEach((name, pid) -> {
                    if (name.startsWith("worker")) {
                        live.put(name, heap.liveHeapKib(pid) / 1024);
                    }
                });
                samples.add(new Sample(elapsed, live));
                System.out.printf("  %4d s  live heap MiB %s%n", elapsed.toSeconds(), live);
                if (elapsed.compareTo(end) >= 0) {
                    return samples;
                }
            }
        } finally {
            load.stop();
        }
    }
}
