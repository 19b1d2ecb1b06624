package com.example.increment.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.example.increment.connect.IncrementConnector;
import com.example.increment.local.LocalConnectCluster;
import com.example.increment.scenarios.ClusterTiming;
import com.example.increment.scenarios.ScenarioRun;
import com.example.increment.scenarios.WorkerLoss;
import com.example.increment.scenarios.WorkerLoss.Loss;
import com.example.increment.scenarios.WorkerLoss.Pick;

/**
 * Loses a Connect worker under a running connector (one task per worker) with the scenarios' {@link WorkerLoss},
 * which reads from the records' own timestamps how long each sequence stood still. {@code /status} is no judge: it
 * says RUNNING on a dead worker until a new owner writes.
 */
public final class FailoverBench {

    public enum Case {
        FOLLOWER_KILL(Pick.FOLLOWER, Loss.KILL, "follower killed (SIGKILL)"),
        LEADER_KILL(Pick.LEADER, Loss.KILL, "leader killed (SIGKILL)"),
        /** WorkerLoss restarts the follower as soon as it is dead, on its port (so its worker id); no delay. */
        KILL_AND_RESTART(Pick.FOLLOWER, Loss.KILL_AND_RESTART, "follower killed, restarted at once");

        private final Pick pick;
        private final Loss loss;
        private final String description;

        Case(Pick pick, Loss loss, String description) {
            this.pick = pick;
            this.loss = loss;
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** Records per second per sequence: a pause shows to the 10 ms. */
    static final int RATE = 100;
    /** The default connector's two sequences, so with one task each one task per worker. */
    static final List<Long> INCREMENTS = Stream.of(IncrementConnector.INCREMENTS.split(",")).map(Long::valueOf)
            .toList();
    /**
     * Records of both sequences before the kill, as in earlier runs: it also sets where the kill falls against the
     * workers' 3 s heartbeats (counted from the rebalance that placed the tasks), which moves a pause by up to one.
     */
    static final Duration STEADY = Duration.ofSeconds(2);
    /** Connect's default {@code offset.flush.interval.ms}, which the bench's workers keep. */
    static final Duration CONNECT_OFFSET_FLUSH = Duration.ofSeconds(60);
    /** A measurement: no report pages, and a lost worker comes back only when another case needs it. */
    static final ScenarioRun.Settings SETTINGS = new ScenarioRun.Settings(INCREMENTS, RATE, Optional.of(STEADY),
            false, false);

    private final LocalConnectCluster cluster;
    private final ClusterTiming timing;

    /** {@code cluster} has two workers started with {@code timing(rebalanceDelay, sessionTimeout).workerConfig()}. */
    public FailoverBench(LocalConnectCluster cluster, Duration rebalanceDelay, Duration sessionTimeout) {
        this.cluster = cluster;
        this.timing = timing(rebalanceDelay, sessionTimeout);
    }

    /**
     * The failover workers' timing: this rebalance delay and session timeout, the heartbeat a third of the session
     * (at most Connect's 3 s, as Kafka advises), Connect's offset flush interval.
     */
    static ClusterTiming timing(Duration rebalanceDelay, Duration sessionTimeout) {
        Duration heartbeat = sessionTimeout.dividedBy(3);
        return new ClusterTiming(rebalanceDelay, sessionTimeout,
                heartbeat.compareTo(ClusterTiming.HEARTBEAT) < 0 ? heartbeat : ClusterTiming.HEARTBEAT,
                CONNECT_OFFSET_FLUSH, false);
    }

    /**
     * Runs the cases in order, each {@code runs} times. A killed worker is started again only when another kill
     * follows on this cluster (a worker start is the slowest step between cases); the last case may leave it dead.
     */
    public List<FailoverResult> measure(List<Case> cases, int runs) {
        List<FailoverResult> results = new ArrayList<>();
        for (int c = 0; c < cases.size(); c++) {
            Case failoverCase = cases.get(c);
            List<Double> killed = new ArrayList<>();
            List<Double> other = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                boolean anotherFollows = run < runs - 1 || c < cases.size() - 1;
                Pauses pauses = runOnce(failoverCase, run, anotherFollows);
                killed.addAll(pauses.killedSide().values());
                other.addAll(pauses.otherSide().values());
            }
            results.add(new FailoverResult(failoverCase, timing.rebalanceDelay(), Stats.of(killed),
                    other.isEmpty() ? new Stats(0, 0, 0, 0) : Stats.of(other)));
        }
        return results;
    }

    /** One loss on a fresh connector of its own; returns how long each sequence stood still from the loss on. */
    private Pauses runOnce(Case failoverCase, int run, boolean anotherFollows) {
        PhaseClock clock = new PhaseClock();
        long delay = timing.rebalanceDelay().toSeconds();
        // ScenarioRun names the topics after the id up to its first '-': one token keeps every case's topics apart.
        String id = "fo" + delay + "s_" + failoverCase.name().toLowerCase(Locale.ROOT) + "_" + run;
        ScenarioRun scenario = new ScenarioRun(cluster, timing, id,
                failoverCase.description() + ", rebalance delay " + delay + " s", SETTINGS);
        WorkerLoss loss = WorkerLoss.run(scenario, failoverCase.pick, failoverCase.loss);
        clock.lap("connector, steady records, loss and recovery");
        Pauses pauses = Pauses.of(loss);
        if (anotherFollows && !cluster.worker(loss.victim()).isRunning()) {
            cluster.restartWorker(loss.victim()); // the next case starts from two workers again
            clock.lap("worker restart");
        }
        System.out.printf("      rebalance delay %d s, %s: lost %s (%s); stood still %s; %s%n", delay,
                failoverCase.description(), loss.victim(), loss.victimLed() ? "leader" : "follower", pauses, clock);
        return pauses;
    }

    /**
     * Per sequence, in seconds, the longest time between consecutive records from the loss on
     * ({@link WorkerLoss#outage}).
     *
     * @param killedSide the sequences whose task ran on the lost worker
     * @param otherSide  the sequences whose task ran on the other one
     */
    record Pauses(Map<String, Double> killedSide, Map<String, Double> otherSide) {

        static Pauses of(WorkerLoss loss) {
            return new Pauses(seconds(loss, loss.movedTopics().stream()), seconds(loss, loss.otherTopics().stream()));
        }

        private static Map<String, Double> seconds(WorkerLoss loss, Stream<String> topics) {
            return topics.collect(Collectors.toMap(t -> t, t -> loss.outage(t).toMillis() / 1000.0, (a, b) -> a,
                    LinkedHashMap::new));
        }

        @Override
        public String toString() {
            return "killed side " + killedSide + ", other side " + otherSide;
        }
    }
}
