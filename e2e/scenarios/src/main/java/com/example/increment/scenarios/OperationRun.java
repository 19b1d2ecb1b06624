package com.example.increment.scenarios;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import com.example.increment.connect.ConnectCluster;
import com.example.increment.connect.ConnectCluster.Restart;
import com.example.increment.connect.ConnectCluster.Shutdown;
import com.example.increment.connect.ConnectorStatus;
import com.example.increment.scenarios.report.OutageAnalysis;
import com.example.increment.scenarios.report.ScenarioResult;
import com.example.increment.scenarios.report.SequenceOutcome;
import com.example.increment.scenarios.report.TimelineEvent.Kind;
import com.example.increment.verify.SequenceReport;
import com.example.increment.verify.SequenceReport.Pause;
import com.example.increment.verify.VerificationReport;

/**
 * One {@link ClusterOperation} while records flow, written once against {@link ConnectCluster}: the connector runs
 * one task per sequence on every worker, the operation is done, and the data says what it cost the sequences whose
 * tasks it moved and the others. Leaves the cluster with the worker count the operation ends with, also when it
 * fails half-way.
 *
 * @param movedTopics the sequences whose tasks ran on a worker the operation took away (all of them when every
 *                    worker or the broker restarts, or when tasks.max changes)
 * @param startedAt   when the operation began; outages are measured from there
 * @param restarts    every pod or process the operation restarted, in order
 */
public record OperationRun(ClusterOperation operation, Set<String> movedTopics, Instant startedAt,
                           List<Restart> restarts, VerificationReport data, ConnectorStatus finalStatus,
                           ScenarioResult result) {

    /** tasks.max after {@link ClusterOperation#TASKS_MAX_CHANGE}: half the sequences' tasks, so every task changes. */
    static final int TASKS_MAX_AFTER = 2;
    /** How long a restart of failed tasks is given to show in the status before it is asked for again. */
    static final Duration RESTART_SPACING = Duration.ofSeconds(5);

    /**
     * Runs {@code operation} on {@code run}'s cluster (which must have {@link ClusterOperation#workersBefore()}
     * workers) and returns what the data says. Asserts nothing: the caller asserts what it promises.
     */
    public static OperationRun run(ScenarioRun run, ClusterOperation operation) {
        ConnectCluster cluster = run.cluster();
        if (cluster.workers().size() != operation.workersBefore()) {
            throw new IllegalStateException(operation + " starts from " + operation.workersBefore()
                    + " workers; the cluster has " + cluster.workers());
        }
        int tasks = run.increments().size();
        try (ScenarioCleanup cleanup = run.cleanUpOnExit()) {
            run.startConnector(tasks);
            ConnectorStatus before = run.awaitEveryWorkerHasTasks(tasks);
            run.awaitBaseline();
            Instant startedAt = Instant.now();
            List<Restart> restarts = new ArrayList<>();
            Set<String> moved = perform(run, operation, before, restarts);
            int tasksAfter = operation == ClusterOperation.TASKS_MAX_CHANGE ? TASKS_MAX_AFTER : tasks;
            VerificationReport flowing = run.awaitFlowingAfter(startedAt, recoveryTimeout(run, operation));
            ConnectorStatus after = awaitRunningRestartingFailed(run, operation, tasksAfter);
            if (operation == ClusterOperation.SCALE_UP) {
                moved.addAll(topicsOn(run, after, cluster.workers().get(cluster.workers().size() - 1)));
            }
            run.finding(String.format(Locale.ROOT, "%s: moved sequences stood still up to %.1f s, the others up to"
                    + " %.1f s (%s).", operation.description(), longest(flowing, moved, startedAt).toMillis() / 1000.0,
                    longestOfOthers(flowing, moved, startedAt).toMillis() / 1000.0, run.timing().describe()));
            ScenarioResult result = run.report(flowing, s -> outcome(run, s, moved, startedAt));
            return new OperationRun(operation, moved, startedAt, List.copyOf(restarts), flowing, after, result);
        } finally {
            restoreWorkers(cluster, operation);
        }
    }

    /**
     * Waits until {@code tasks} tasks run on the workers the cluster now has, restarting FAILED ones as Strimzi's
     * autoRestart does (the chart turns it on): with exactly-once a worker that rejoins fences zombie tasks through the
     * leader, and a rolling restart stops that leader right then, so the rejoined worker's tasks fail ("IO Error
     * trying to forward REST request").
     */
    private static ConnectorStatus awaitRunningRestartingFailed(ScenarioRun run, ClusterOperation operation,
                                                                int tasks) {
        AtomicReference<Instant> lastRestart = new AtomicReference<>(Instant.MIN);
        return run.awaitStatus(tasks + " task(s) RUNNING after " + operation.description()
                + " (FAILED ones restarted, as Strimzi's autoRestart does)", s -> {
                    List<Integer> failed = s.tasks().stream().filter(t -> "FAILED".equals(t.state()))
                            .map(ConnectorStatus.TaskStatus::id).toList();
                    // A restart takes a moment to show in the status: ask again only after RESTART_SPACING.
                    if (!failed.isEmpty() && lastRestart.get().plus(RESTART_SPACING).isBefore(Instant.now())) {
                        lastRestart.set(Instant.now());
                        run.event(Kind.RESTART, "restart FAILED tasks " + failed + " (as Strimzi's autoRestart)");
                        run.cluster().restartFailedTasks(run.connector());
                    }
                    // A worker killed at the end of its grace period stays in the status until the group drops it.
                    return s.running() && s.tasks().size() == tasks
                            && run.cluster().workers().containsAll(s.tasksByWorker().keySet());
                });
    }

    /** The longest pause of the moved sequences from the operation on (zero when none moved). */
    public Duration movedOutage() {
        return longest(data, movedTopics, startedAt);
    }

    /** The longest pause of the sequences it did not move (zero when it moved them all). */
    public Duration otherOutage() {
        return longestOfOthers(data, movedTopics, startedAt);
    }

    private static Set<String> perform(ScenarioRun run, ClusterOperation operation, ConnectorStatus before,
                                       List<Restart> restarts) {
        ConnectCluster cluster = run.cluster();
        Set<String> all = new TreeSet<>(before.tasks().stream().map(t -> run.topicOfTask(t.id())).toList());
        switch (operation) {
            case POD_DELETE, POD_FORCE_DELETE -> {
                String victim = follower(cluster, before);
                Shutdown how = operation == ClusterOperation.POD_DELETE ? Shutdown.GRACEFUL : Shutdown.FORCE;
                run.event(how == Shutdown.FORCE ? Kind.KILL : Kind.STOP, operation.description() + ": " + victim);
                Restart r = cluster.deleteWorkerPod(victim, how);
                restarts.add(r);
                run.event(r.back(), Kind.RESTART, victim + " back and in the group");
                return new TreeSet<>(topicsOn(run, before, victim));
            }
            case ROLLING_RESTART_2, ROLLING_RESTART_3 -> {
                run.event(Kind.STOP, operation.description() + " begins");
                restarts.addAll(cluster.rollingRestart());
                restarts.forEach(r -> {
                    run.event(r.gone(), Kind.STOP, r.target() + " gone");
                    run.event(r.back(), Kind.RESTART, r.target() + " back in the group");
                });
                return all;
            }
            case SCALE_UP -> {
                run.event(Kind.CHANGE, operation.description());
                cluster.scaleWorkers(operation.workersAfter());
                run.awaitEveryWorkerHasTasks(run.increments().size());
                return new TreeSet<>(); // the moved ones are those the new worker took, read after the move
            }
            case SCALE_DOWN -> {
                List<String> removed = cluster.workers().subList(operation.workersAfter(), cluster.workers().size());
                Set<String> moved = new TreeSet<>();
                removed.forEach(w -> moved.addAll(topicsOn(run, before, w)));
                run.event(Kind.STOP, operation.description() + ": " + removed + " removed");
                cluster.scaleWorkers(operation.workersAfter());
                return moved;
            }
            case TASKS_MAX_CHANGE -> {
                run.event(Kind.CHANGE, operation.description());
                cluster.setTasksMax(run.connector(), TASKS_MAX_AFTER);
                return all;
            }
            case BROKER_RESTART, BROKER_KILL -> {
                Shutdown how = operation == ClusterOperation.BROKER_RESTART ? Shutdown.GRACEFUL : Shutdown.FORCE;
                run.event(how == Shutdown.FORCE ? Kind.KILL : Kind.STOP, operation.description());
                Restart r = cluster.restartBroker(how);
                restarts.add(r);
                run.event(r.back(), Kind.RESTART, "broker back");
                return all;
            }
            default -> throw new IllegalArgumentException("operation " + operation);
        }
    }

    /** A worker that runs tasks and does not lead the group: deleting the leader is the leader-loss case. */
    private static String follower(ConnectCluster cluster, ConnectorStatus before) {
        Optional<String> leader = cluster.leader();
        return before.tasksByWorker().keySet().stream().filter(w -> leader.map(l -> !l.equals(w)).orElse(true))
                .findFirst().orElseThrow(() -> new IllegalStateException("No follower runs tasks; leader " + leader
                        + ", placement " + before.tasksByWorker()));
    }

    private static List<String> topicsOn(ScenarioRun run, ConnectorStatus status, String worker) {
        Map<String, List<Integer>> placement = status.tasksByWorker();
        return placement.getOrDefault(worker, List.of()).stream().map(run::topicOfTask).toList();
    }

    /** Every restart may wait for the rebalance delay; each pod also takes its time away and its JVM start. */
    private static Duration recoveryTimeout(ScenarioRun run, ClusterOperation operation) {
        int pods = switch (operation) {
            case ROLLING_RESTART_2 -> 2;
            case ROLLING_RESTART_3 -> 3;
            default -> 1;
        };
        return run.recoveryTimeout().plus(Duration.ofSeconds(60).multipliedBy(pods));
    }

    /** A failed scale leaves the count the operation promised, so the next one starts from a known cluster. */
    private static void restoreWorkers(ConnectCluster cluster, ClusterOperation operation) {
        if (cluster.workers().size() != operation.workersAfter()) {
            cluster.scaleWorkers(operation.workersAfter());
        }
    }

    private static Duration longest(VerificationReport data, Set<String> topics, Instant from) {
        return topics.stream().map(t -> OutageAnalysis.outageIn(data.sequence(t), from, Instant.MAX))
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    private static Duration longestOfOthers(VerificationReport data, Set<String> moved, Instant from) {
        return data.sequences().keySet().stream().filter(t -> !moved.contains(t))
                .map(t -> OutageAnalysis.outageIn(data.sequence(t), from, Instant.MAX))
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    private static SequenceOutcome outcome(ScenarioRun run, SequenceReport s, Set<String> moved, Instant from) {
        Optional<Pause> pause = OutageAnalysis.longestPauseIn(s, from, Instant.MAX);
        return new SequenceOutcome(s.topic(), s.count(), s.missingCount(), s.duplicateCount(),
                pause.map(Pause::length).orElse(Duration.ZERO),
                (moved.contains(s.topic()) ? "moved" : "not moved") + ": " + run.describe(pause));
    }
}
