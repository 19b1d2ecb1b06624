package com.example.increment.scenarios;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.example.increment.connect.ConnectCluster;
import com.example.increment.connect.ConnectorStatus;
import com.example.increment.scenarios.report.OutageAnalysis;
import com.example.increment.scenarios.report.ScenarioResult;
import com.example.increment.scenarios.report.SequenceOutcome;
import com.example.increment.scenarios.report.TimelineEvent.Kind;
import com.example.increment.verify.SequenceReport;
import com.example.increment.verify.SequenceReport.Pause;
import com.example.increment.verify.VerificationReport;

/**
 * Scenarios 1-5 and 8, written once against {@link ConnectCluster}: a worker that runs tasks is lost (killed,
 * stopped, or killed and brought back under its identity) while records flow; the data says what it cost.
 *
 * @param victim       the lost worker
 * @param victimLed    whether it was the group leader
 * @param movedTopics  the sequences whose tasks ran on it
 * @param lossAt       when it was killed or stopped
 * @param backAt       when it had rejoined under the same identity (only for {@link Loss#KILL_AND_RESTART})
 * @param finalStatus  the connector's status once every sequence flowed again
 */
public record WorkerLoss(String victim, boolean victimLed, Set<String> movedTopics, Instant lossAt,
                         Optional<Instant> backAt, VerificationReport data, ConnectorStatus finalStatus,
                         ScenarioResult result) {

    /** Which worker to lose: one that runs tasks, and leads the group or not. */
    public enum Pick { FOLLOWER, LEADER }

    public enum Loss { KILL, STOP, KILL_AND_RESTART }

    /**
     * Runs the scenario on {@code run}'s cluster and leaves the cluster as it found it (the worker back unless the
     * run's settings leave that to the caller, the connector deleted), also when a wait fails. Asserts nothing: the
     * caller asserts what its scenario promises. {@link Loss#KILL_AND_RESTART} restarts the worker as soon as it is
     * dead; it is back once its restart returns (joined the group).
     */
    public static WorkerLoss run(ScenarioRun run, Pick pick, Loss loss) {
        ConnectCluster cluster = run.cluster();
        int tasks = run.increments().size();
        try (ScenarioCleanup cleanup = run.cleanUpOnExit()) {
            run.startConnector(tasks);
            ConnectorStatus before = run.awaitEveryWorkerHasTasks(tasks);
            run.awaitBaseline();

            String leader = cluster.leader().orElseThrow(() -> new IllegalStateException(
                    "No leader can be told among " + cluster.workers() + "; the scenario needs one to pick a " + pick));
            Map<String, List<Integer>> placement = before.tasksByWorker();
            String victim = placement.keySet().stream()
                    .filter(w -> pick == Pick.LEADER ? w.equals(leader) : !w.equals(leader))
                    .findFirst().orElseThrow(() -> new IllegalStateException("No " + pick + " worker runs tasks; "
                            + "leader "
                            + leader + ", placement " + placement));
            Set<String> moved = new TreeSet<>(placement.get(victim).stream().map(run::topicOfTask).toList());
            String who = String.format("%s (%s, tasks %s: %s)", victim, pick == Pick.LEADER ? "leader" : "follower",
                    placement.get(victim), String.join(", ", moved));

            Instant lossAt;
            Optional<Instant> backAt = Optional.empty();
            if (run.settings().restartsLostWorkers()) {
                cleanup.down(victim); // from here on, whatever fails, the worker is restarted for the next scenario
            }
            switch (loss) {
                case KILL -> {
                    lossAt = run.event(Kind.KILL, "kill -9 " + who);
                    cluster.killWorker(victim);
                }
                case STOP -> {
                    lossAt = run.event(Kind.STOP, "graceful stop " + who);
                    cluster.stopWorker(victim);
                }
                case KILL_AND_RESTART -> {
                    lossAt = run.event(Kind.KILL, "kill -9 " + who);
                    cluster.killWorker(victim);
                    run.event(Kind.RESTART, "restart " + victim + " (same id)");
                    cluster.restartWorker(victim);
                    cleanup.back(victim);
                    backAt = Optional.of(run.event(Kind.RESTART, victim + " restarted and in the group"));
                }
                default -> throw new IllegalArgumentException("loss " + loss);
            }
            VerificationReport data = run.awaitFlowingAfter(lossAt, run.recoveryTimeout());
            ConnectorStatus after = run.awaitStatus(tasks + " tasks RUNNING again", s -> s.running()
                    && s.tasks().size() == tasks);
            Optional<Instant> back = backAt;
            findings(run, data, moved, victim, lossAt, back);
            ScenarioResult result = run.report(data, s -> outcome(run, s, moved, victim, lossAt, loss, back));
            return new WorkerLoss(victim, victim.equals(leader), moved, lossAt, backAt, data, after, result);
        }
    }

    /** The outage of a sequence: its longest pause from the loss on. */
    public Duration outage(String topic) {
        return OutageAnalysis.outageIn(data.sequence(topic), lossAt, Instant.MAX);
    }

    public List<String> otherTopics() {
        return data.sequences().keySet().stream().filter(t -> !movedTopics.contains(t)).toList();
    }

    /** When the moved sequences resumed, against the rebalance delay and session timeout, and the worker's return. */
    private static void findings(ScenarioRun run, VerificationReport data, Set<String> moved, String victim,
                                 Instant lossAt, Optional<Instant> backAt) {
        Optional<Instant> resumed = moved.stream()
                .map(t -> OutageAnalysis.longestPauseIn(data.sequence(t), lossAt, Instant.MAX))
                .flatMap(Optional::stream).map(Pause::to).max(Instant::compareTo);
        ClusterTiming timing = run.timing();
        resumed.ifPresent(r -> run.finding(String.format(Locale.ROOT,
                "The sequences of %s's tasks resumed at t=%.1f s, %.1f s after the loss (rebalance delay %d s, "
                        + "session timeout %d s).",
                victim, run.t(r), Duration.between(lossAt, r).toMillis() / 1000.0,
                timing.rebalanceDelay().toSeconds(), timing.sessionTimeout().toSeconds())));
        backAt.ifPresent(b -> resumed.ifPresent(r -> run.finding(String.format(Locale.ROOT,
                "%s was back under the same id at t=%.1f s; its tasks resumed %.1f s after that (loss t=%.1f s"
                        + " + session timeout + delay = t=%.1f s).", victim, run.t(b),
                Duration.between(b, r).toMillis() / 1000.0, run.t(lossAt),
                run.t(lossAt.plus(timing.sessionTimeout()).plus(timing.rebalanceDelay()))))));
    }

    private static SequenceOutcome outcome(ScenarioRun run, SequenceReport s, Set<String> moved, String victim,
                                           Instant lossAt, Loss loss, Optional<Instant> backAt) {
        Optional<Pause> pause = OutageAnalysis.longestPauseIn(s, lossAt, Instant.MAX);
        String where = moved.contains(s.topic()) ? "task on " + victim + " (" + switch (loss) {
            case KILL -> "killed";
            case STOP -> "stopped";
            case KILL_AND_RESTART -> "killed, back at t=" + String.format(Locale.ROOT, "%.1f s",
                    run.t(backAt.orElseThrow()));
        } + ")" : "task on a surviving worker";
        String what = run.describe(pause);
        return new SequenceOutcome(s.topic(), s.count(), s.missingCount(), s.duplicateCount(),
                pause.map(Pause::length).orElse(Duration.ZERO), where + ": " + what);
    }
}
