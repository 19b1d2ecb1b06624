package com.example.increment.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

import com.example.increment.connect.IncrementConnector;
import com.example.increment.local.LocalClusterSettings;
import com.example.increment.local.LocalConnectCluster;
import com.example.increment.support.Waits;
import com.example.increment.verify.SequenceRecord;
import com.example.increment.verify.SequenceVerifier;

/**
 * What {@code make run} does, timed: a fresh data folder, the broker formatted and started, the workers joined, the
 * default connector created; the figure is the first record's timestamp minus the moment before the broker started.
 * The JVM that drives it is already running (make run's Maven/JVM start is not in the figure).
 *
 * @param toFirstRecord cold start to the first record of any sequence
 * @param restRssMib    RSS of each process with the default connector running at its 10 records/s per sequence
 */
public record ColdStart(LocalConnectCluster cluster, String label, Duration toFirstRecord,
                        Map<String, Long> restRssMib) {

    private static final Duration FIRST_RECORD_TIMEOUT = Duration.ofSeconds(120);
    /**
     * Lets the default connector run a little so the rest RSS is not that of an idle JVM just started; short, since
     * every section waits it out (RSS grows by a few MiB a second here, under load by hundreds).
     */
    static final Duration SETTLE = Duration.ofSeconds(1);

    /** Starts a cluster as {@code make run} does; the caller closes {@code cluster()}. */
    public static ColdStart start(String label, int workers, Map<String, String> workerOverrides) throws Exception {
        return start(label, workers, workerOverrides, WorkerShape.CHART);
    }

    /** Starts a cluster as {@code make run} does, with workers of the given shape. */
    public static ColdStart start(String label, int workers, Map<String, String> workerOverrides, WorkerShape shape)
            throws Exception {
        System.out.printf("Cold start of a local cluster (%s, %d workers: %s)%n", label, workers, shape.label());
        LocalClusterSettings settings = shape.apply(LocalClusterSettings.ephemeral("bench-" + label, workers))
                .withWorkerOverrides(workerOverrides);
        LocalConnectCluster cluster = new LocalConnectCluster(settings);
        Instant begin = Instant.now();
        try {
            cluster.start();
            cluster.putConnector(IncrementConnector.NAME, IncrementConnector.config(workers));
            SequenceVerifier verifier = new SequenceVerifier(cluster.bootstrapServers(), IncrementConnector.TOPIC_PREFIX,
                    false);
            Instant first = Waits.waitFor("the first record of the default connector", FIRST_RECORD_TIMEOUT,
                    () -> firstTimestamp(verifier), Optional::isPresent).orElseThrow();
            ThroughputBench.pause(SETTLE);
            Map<String, Long> rss = ClusterProcesses.rssMib(cluster);
            cluster.deleteConnector(IncrementConnector.NAME);
            ColdStart result = new ColdStart(cluster, label, Duration.between(begin, first), rss);
            System.out.printf("  first record after %.1f s; RSS at rest %s MiB; ready for the bench after %.1f s%n",
                    result.toFirstRecord().toMillis() / 1000.0, rss,
                    Duration.between(begin, Instant.now()).toMillis() / 1000.0);
            return result;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private static Optional<Instant> firstTimestamp(SequenceVerifier verifier) {
        return verifier.verify().sequences().values().stream().flatMap(s -> s.records().stream())
                .map(SequenceRecord::timestamp).min(Comparator.naturalOrder());
    }
}
