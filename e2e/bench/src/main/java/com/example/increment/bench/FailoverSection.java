package com.example.increment.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.example.increment.bench.FailoverBench.Case;
import com.example.increment.local.LocalConnectCluster;
import com.example.increment.scenarios.ScenarioRun;

/**
 * The failover section of {@code make bench}: every case for the rebalance delay and for none, in lanes that run side
 * by side. A case spends nearly all its time waiting on Connect's timers (the 10 s session timeout, then the delay)
 * while its connector writes 100 records/s, so cases one after another on one cluster would mostly wait. Here each
 * lane has Connect groups of its own (own workers, group.id and internal topics) on the one broker, and the lanes wait
 * at once.
 *
 * <p>Worker starts are what the lanes share badly (2 cores), so the plan keeps them few and apart: a case that leaves
 * a worker dead is its group's last where it can be, a lane starts the workers of its next group only when it begins
 * its current one, and the kill-and-restart case without a delay, whose pause is how fast the killed worker comes
 * back, runs when no other worker starts. The pauses are mostly timers (session timeout, rebalance delay); what the
 * other lanes' CPU can add is the rebalance and the task start after them.
 */
final class FailoverSection {

    static final String LAYOUT = "The cases run side by side in lanes, each on Connect groups of its own "
            + "(2 workers, own group.id and internal topics) on one broker; a case ends once every sequence has made "
            + ScenarioRun.FLOWING_AGAIN.toSeconds() + " s of new records since the kill.";

    /** Cases on one Connect group, whose workers have {@code scheduled.rebalance.max.delay.ms} = the delay. */
    private record Step(LocalConnectCluster group, Duration rebalanceDelay, List<Case> cases) {
    }

    private record Lane(String name, List<Step> steps) {
    }

    private final BenchOptions options;

    FailoverSection(BenchOptions options) {
        this.options = options;
    }

    /** The rebalance delays measured: the option's, then 0 (only 0 when the option is 0). */
    static List<Duration> rebalanceDelays(BenchOptions options) {
        Duration delay = options.rebalanceDelay();
        return delay.isZero() ? List.of(Duration.ZERO) : List.of(delay, Duration.ZERO);
    }

    /**
     * Runs every case; {@code host} is a started cluster of 2 workers with the first of {@link #rebalanceDelays}.
     * Returns the results by rebalance delay (descending), then in the order of {@link Case}.
     */
    List<FailoverResult> run(LocalConnectCluster host) throws Exception {
        List<LocalConnectCluster> groups = new ArrayList<>();
        List<Lane> lanes = plan(host, groups);
        List<FailoverResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(lanes.size(), r -> {
            Thread t = new Thread(r, "failover-lane");
            t.setDaemon(true); // a failed lane must not keep the JVM alive
            return t;
        });
        boolean succeeded = false;
        try {
            lanes.forEach(l -> launch(l.steps().get(0), host));
            List<Future<List<FailoverResult>>> lanesDone = lanes.stream().map(l -> pool.submit(() -> run(l, host)))
                    .toList();
            for (Future<List<FailoverResult>> lane : lanesDone) {
                results.addAll(result(lane));
            }
            succeeded = true;
        } finally {
            pool.shutdownNow();
            for (LocalConnectCluster group : groups) {
                ClusterTeardown.discard(group, succeeded);
            }
        }
        return results.stream().sorted(Comparator.comparing(FailoverResult::rebalanceDelay).reversed()
                .thenComparing(FailoverResult::failoverCase)).toList();
    }

    /**
     * With a rebalance delay of 10 s and 0 (times measured on 2 quiet cores): the started cluster's lane is the
     * longest, the kill-and-restart then the follower kill with the delay (~50 s; the restart shares the CPU with the
     * other groups' starts, which hardly matters with a delay: the lost task waits for it anyway). The other lanes
     * first wait ~10 s for their groups' workers, then ~35 s: the follower kill, a worker restart and the
     * kill-and-restart without a delay (that last case runs when no other worker starts); the leader kill with the
     * delay, then without on a group whose workers start during the first kill's pause.
     */
    private List<Lane> plan(LocalConnectCluster host, List<LocalConnectCluster> groups) {
        Duration delay = rebalanceDelays(options).get(0);
        Duration zero = Duration.ZERO;
        if (delay.isZero()) {
            return List.of(
                    new Lane("rebalance delay 0 s: follower kill, kill and restart",
                            List.of(new Step(host, zero, List.of(Case.FOLLOWER_KILL, Case.KILL_AND_RESTART)))),
                    new Lane("rebalance delay 0 s: leader kill",
                            List.of(step(host, groupName(zero, "-leader"), zero, List.of(Case.LEADER_KILL),
                                    groups))));
        }
        return List.of(
                new Lane("rebalance delay " + delay.toSeconds() + " s: kill and restart, follower kill",
                        List.of(new Step(host, delay, List.of(Case.KILL_AND_RESTART, Case.FOLLOWER_KILL)))),
                new Lane("rebalance delay 0 s: follower kill, kill and restart", List.of(step(host,
                        groupName(zero, ""), zero, List.of(Case.FOLLOWER_KILL, Case.KILL_AND_RESTART), groups))),
                new Lane("leader kill, rebalance delay " + delay.toSeconds() + " s then 0 s", List.of(
                        step(host, groupName(delay, "-leader"), delay, List.of(Case.LEADER_KILL), groups),
                        step(host, groupName(zero, "-leader"), zero, List.of(Case.LEADER_KILL), groups))));
    }

    /** The name of a failover cluster or group (its folders, group.id and the start-up table's row). */
    static String groupName(Duration rebalanceDelay, String suffix) {
        return "failover-delay" + rebalanceDelay.toSeconds() + "s" + suffix;
    }

    private List<FailoverResult> run(Lane lane, LocalConnectCluster host) throws Exception {
        PhaseClock clock = new PhaseClock();
        List<FailoverResult> results = new ArrayList<>();
        List<Step> steps = lane.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.group() != host) {
                ConnectGroupOnBroker.awaitWorkers(step.group());
            }
            if (i + 1 < steps.size()) {
                launch(steps.get(i + 1), host); // ready by the time this step's cases are over
            }
            results.addAll(new FailoverBench(step.group(), step.rebalanceDelay(), options.sessionTimeout())
                    .measure(step.cases(), options.failoverRuns()));
        }
        System.out.printf("  lane %s: done after %.1f s%n", lane.name(), clock.elapsedSeconds());
        return results;
    }

    private static void launch(Step step, LocalConnectCluster host) {
        if (step.group() != host) {
            ConnectGroupOnBroker.startWorkers(step.group());
        }
    }

    /** A step on a new Connect group of 2 workers on the host's broker (defined, not started). */
    private Step step(LocalConnectCluster host, String name, Duration rebalanceDelay, List<Case> cases,
                      List<LocalConnectCluster> groups) {
        LocalConnectCluster group = ConnectGroupOnBroker.define(host, name, BenchMain.WORKERS,
                FailoverBench.timing(rebalanceDelay, options.sessionTimeout()).workerConfig());
        groups.add(group);
        return new Step(group, rebalanceDelay, cases);
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
