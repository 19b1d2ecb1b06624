package com.example.increment.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.example.increment.connect.ConnectCluster.Restart;
import com.example.increment.local.LocalClusterSettings;
import com.example.increment.local.LocalConnectCluster;
import com.example.increment.scenarios.ClusterOperation;
import com.example.increment.scenarios.ClusterTiming;
import com.example.increment.scenarios.OperationRun;
import com.example.increment.scenarios.ScenarioRun;
import com.example.increment.scenarios.report.ScenarioReport;

/**
 * {@code make bench BENCH_ONLY=operations}: every Strimzi pod lifecycle operation ({@link ClusterOperation}) at
 * several rebalance delays, each measured by the scenarios' {@link OperationRun} on a local cluster with the chart's
 * worker settings. Lanes (one cluster each) run side by side: a cell spends nearly all its time waiting on Connect's
 * timers, so the lanes mostly wait at once. Each cell's report page and timeline go to {@code <out>/operations/}.
 */
final class OperationsSection {

    /** Kafka's own default for scheduled.rebalance.max.delay.ms. */
    static final Duration KAFKA_DEFAULT_DELAY = Duration.ofMinutes(5);
    /** The delays of the matrix: none, short, the chart's former 60 s, and Kafka's default. */
    static final List<Duration> DELAYS = List.of(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(60),
            KAFKA_DEFAULT_DELAY);
    /** The chart's worker settings that the matrix keeps: offset flush 10 s; session and heartbeat are Connect's. */
    static final Duration OFFSET_FLUSH = Duration.ofSeconds(10);

    static final String LAYOUT = "Each cell: a connector with 4 sequences at 20 records/s (one task each, spread over"
            + " the workers), steady flow for an offset flush and 2 s, then the operation; outage = the longest pause"
            + " between consecutive records of a sequence from the operation on. Pods away " + LocalClusterSettings
            .POD_RESTART.toSeconds() + " s before their JVM starts again. Lanes of cells run side by side, each on a"
            + " local cluster (broker + workers) of its own.";

    private record Lane(String name, Duration rebalanceDelay, List<ClusterOperation> operations) {
    }

    private final Path out;

    OperationsSection(Path out) {
        this.out = out.resolve("operations");
    }

    static ClusterTiming timing(Duration rebalanceDelay) {
        return new ClusterTiming(rebalanceDelay, ClusterTiming.SESSION_TIMEOUT, ClusterTiming.HEARTBEAT,
                OFFSET_FLUSH, false);
    }

    /** Runs every lane; returns the cells by delay, then in the order of {@link ClusterOperation}. */
    List<OperationResult> run() throws Exception {
        List<Lane> lanes = plan();
        ExecutorService pool = Executors.newFixedThreadPool(lanes.size(), r -> {
            Thread t = new Thread(r, "operations-lane");
            t.setDaemon(true); // a failed lane must not keep the JVM alive
            return t;
        });
        List<OperationResult> results = new ArrayList<>();
        try {
            List<Future<List<OperationResult>>> done = new ArrayList<>();
            for (Lane lane : lanes) {
                done.add(pool.submit(() -> run(lane)));
                ThroughputBench.pause(Duration.ofSeconds(20)); // cluster starts one after another: 2 cores
            }
            for (Future<List<OperationResult>> lane : done) {
                results.addAll(result(lane));
            }
        } finally {
            pool.shutdownNow();
        }
        return results.stream().sorted(Comparator.comparing(OperationResult::rebalanceDelay)
                .thenComparing(OperationResult::operation)).toList();
    }

    /**
     * Kafka's default gets two lanes (its cells take five minutes each); 0 and 10 s share one, as their cells are
     * short; 60 s has its own.
     */
    private static List<Lane> plan() {
        List<ClusterOperation> all = List.of(ClusterOperation.values());
        return List.of(
                new Lane("300 s: pod delete, scale-down", KAFKA_DEFAULT_DELAY,
                        List.of(ClusterOperation.POD_DELETE, ClusterOperation.SCALE_DOWN)),
                new Lane("300 s: rolling restarts, broker restart", KAFKA_DEFAULT_DELAY,
                        List.of(ClusterOperation.ROLLING_RESTART_2, ClusterOperation.BROKER_RESTART,
                                ClusterOperation.ROLLING_RESTART_3)),
                new Lane("60 s: every operation", Duration.ofSeconds(60), all),
                new Lane("0 s: every operation", Duration.ZERO, all),
                new Lane("10 s: every operation", Duration.ofSeconds(10), all));
    }

    private List<OperationResult> run(Lane lane) throws Exception {
        PhaseClock clock = new PhaseClock();
        ClusterTiming timing = timing(lane.rebalanceDelay());
        String name = "ops-d" + lane.rebalanceDelay().toSeconds() + "-" + Math.abs(lane.name().hashCode() % 1000);
        LocalConnectCluster cluster = new LocalConnectCluster(LocalClusterSettings.ephemeral(name, 2)
                .withWorkerOverrides(timing.workerConfig()));
        List<OperationResult> results = new ArrayList<>();
        boolean succeeded = false;
        try {
            cluster.start();
            int cell = 0;
            for (ClusterOperation operation : lane.operations()) {
                if (cluster.workers().size() != operation.workersBefore()) {
                    cluster.scaleWorkers(operation.workersBefore());
                }
                String id = "d" + lane.rebalanceDelay().toSeconds() + "n" + cell++ + "-" + operation.slug();
                ScenarioRun run = new ScenarioRun(cluster, timing, id, operation.description() + ", rebalance delay "
                        + lane.rebalanceDelay().toSeconds() + " s", new ScenarioRun.Settings(ScenarioRun.INCREMENTS,
                        ScenarioRun.RECORDS_PER_SECOND, Optional.empty(), false, true));
                OperationRun op = OperationRun.run(run, operation);
                ScenarioReport.write(op.result(), out);
                OperationResult r = new OperationResult(operation, lane.rebalanceDelay(), op.movedOutage(),
                        op.otherOutage(), op.data().totalDuplicates(), op.data().totalMissing(), took(op));
                System.out.printf("  rebalance delay %d s, %s: moved %.1f s, others %.1f s, %d duplicates, %d missing%n",
                        r.rebalanceDelay().toSeconds(), operation.description(), r.movedOutage().toMillis() / 1000.0,
                        r.otherOutage().toMillis() / 1000.0, r.duplicates(), r.missing());
                results.add(r);
            }
            succeeded = true;
        } finally {
            ClusterTeardown.discard(cluster, succeeded);
        }
        System.out.printf("  lane %s: done after %.1f s%n", lane.name(), clock.elapsedSeconds());
        return results;
    }

    private static Duration took(OperationRun op) {
        return op.restarts().stream().map(Restart::back).max(Instant::compareTo)
                .map(back -> Duration.between(op.startedAt(), back)).orElse(Duration.ZERO);
    }

    private static <T> T result(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
