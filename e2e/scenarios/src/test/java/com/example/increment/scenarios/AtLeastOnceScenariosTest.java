package com.example.increment.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.example.increment.scenarios.WorkerLoss.Loss;
import com.example.increment.scenarios.WorkerLoss.Pick;
import com.example.increment.verify.VerificationReport;

/**
 * Scenarios 1, 2, 6, 7 and 9 on one local cluster with no rebalance delay (no rebalance delay): lost tasks move as soon
 * as the
 * group notices, so these show continuity and the plain cost of a crash. Each scenario has its own connector and
 * topics and leaves the cluster whole.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("local-cluster") // starts Kafka processes: `make unit` leaves it out
class AtLeastOnceScenariosTest {

    private static final ClusterTiming TIMING = ClusterTiming.noDelay();
    private static final Duration CHAOS_LENGTH = Duration.ofSeconds(100);
    private static final int CHAOS_MAX_ACTIONS = 10;

    @RegisterExtension
    static final LocalScenarioCluster LOCAL = new LocalScenarioCluster("scenarios-at-least-once", 2, TIMING);

    @Test
    @Order(1)
    void s1KilledFollowerLosesNothingAndReplaysAtMostWhatFollowedTheLastOffsetFlush() {
        ScenarioRun run = new ScenarioRun(LOCAL.cluster(), TIMING, "s1-kill-follower",
                "kill -9 a follower (no rebalance delay): no gap, duplicates only since the last offset flush");
        WorkerLoss loss = WorkerLoss.run(run, Pick.FOLLOWER, Loss.KILL);

        assertThat(loss.data().hasGaps()).as(loss.data().render()).isFalse();
        loss.data().sequences().values().forEach(s -> assertThat(s.duplicateCount())
                .as("duplicates of %s: at most %d records/s x (flush %d s + 5 s)", s.topic(),
                        ScenarioRun.RECORDS_PER_SECOND, TIMING.offsetFlush().toSeconds())
                .isLessThanOrEqualTo(run.replayBound()));
        // The contrast to scenario 3: with no rebalance delay the moved sequences wait only for the group to notice the
        // crash.
        for (String topic : loss.movedTopics()) {
            assertThat(loss.outage(topic)).as("outage of %s, moved from the killed worker", topic)
                    .isGreaterThan(Duration.ofSeconds(1))
                    .isLessThan(TIMING.sessionTimeout().plusSeconds(15));
        }
    }

    @Test
    @Order(2)
    void s2GracefullyStoppedFollowerLosesNothingAndDuplicatesNothing() {
        ScenarioRun run = new ScenarioRun(LOCAL.cluster(), TIMING, "s2-graceful-stop",
                "graceful stop of a follower: no gap, no duplicate");
        WorkerLoss loss = WorkerLoss.run(run, Pick.FOLLOWER, Loss.STOP);

        assertThat(loss.data().hasGaps()).as(loss.data().render()).isFalse();
        assertNoDuplicatesUnlessAStopHung(run, loss.data());
        for (String topic : loss.movedTopics()) {
            assertThat(loss.outage(topic)).as("outage of %s, moved from the stopped worker", topic)
                    .isLessThan(TIMING.sessionTimeout().plusSeconds(15));
        }
    }

    @Test
    @Order(3)
    void s7TasksMaxOneTwoOneRegroupsTheSequencesWithoutGapOrDuplicate() {
        Regroup regroup = Regroup.changeTasksMax(new ScenarioRun(LOCAL.cluster(), TIMING, "s7-tasks-max",
                "tasks.max 1 -> 2 -> 1: tasks regroup, continuity holds"), 1, List.of(2, 1));

        assertThat(regroup.steps()).extracting(s -> s.settled().tasks().size()).containsExactly(1, 2, 1);
        assertThat(regroup.data().hasGaps()).as(regroup.data().render()).isFalse();
        assertThat(regroup.data().totalDuplicates()).as("tasks stop gracefully and commit: " + regroup.data().render())
                .isZero();
        // No +15 s margin here, unlike the crash scenarios: the claim is that a deliberate change needs no failure
        // detection, so the pause must stay below the session timeout a crash would cost. Measured: under 1 s.
        regroup.data().sequences().keySet().forEach(topic -> assertThat(regroup.outage(topic))
                .as("outage of %s while regrouping", topic).isLessThan(TIMING.sessionTimeout()));
    }

    @Test
    @Order(4)
    void s6ScalingWorkersTwoThreeOneSpreadsAndGathersTasksWithoutGapOrDuplicate() {
        ScenarioRun run = new ScenarioRun(LOCAL.cluster(), TIMING, "s6-scale-workers",
                "scale workers 2 -> 3 -> 1: tasks spread and gather, continuity holds");
        Regroup regroup = Regroup.scaleWorkers(run, List.of(3, 1));

        assertThat(regroup.workersUsed()).as("workers running tasks after each step").containsExactly(2, 3, 1);
        assertThat(regroup.data().hasGaps()).as(regroup.data().render()).isFalse();
        assertNoDuplicatesUnlessAStopHung(run, regroup.data());
        regroup.data().sequences().keySet().forEach(topic -> assertThat(regroup.outage(topic))
                .as("outage of %s while scaling", topic).isLessThan(TIMING.sessionTimeout().plusSeconds(15)));
    }

    @Test
    @Order(5)
    void s9ChaosOfKillsStopsAndRestartsLeavesNoGap() throws InterruptedException {
        LOCAL.cluster().scaleWorkers(3);
        Chaos chaos = Chaos.run(new ScenarioRun(LOCAL.cluster(), TIMING, "s9-chaos",
                "chaos: random kills, stops and restarts of 3 workers, then all back: 0 gaps"), CHAOS_LENGTH,
                CHAOS_MAX_ACTIONS);

        assertThat(chaos.actions()).as("chaos actions, seed %d", chaos.seed()).isNotEmpty()
                .hasSizeLessThanOrEqualTo(CHAOS_MAX_ACTIONS + 3);
        assertThat(chaos.data().hasGaps()).as("seed %d: %s", chaos.seed(), chaos.data().render()).isFalse();
        assertThat(chaos.data().sequences()).hasSize(ScenarioRun.INCREMENTS.size());
    }

    /**
     * A graceful stop commits offsets, so it duplicates nothing; but Connect 4.3.1 can hang in its shutdown, and a
     * worker killed at the end of its grace period replays what followed its last commit, like a crash.
     */
    private static void assertNoDuplicatesUnlessAStopHung(ScenarioRun run, VerificationReport data) {
        long allowed = run.duplicatesAllowedAfterGracefulStops();
        data.sequences().values().forEach(s -> assertThat(s.duplicateCount())
                .as("duplicates of %s: %s", s.topic(), allowed == 0 ? "workers left gracefully and committed"
                        : "Connect hung stopping " + run.stopsKilledAfterGracePeriod() + ", killed: at most "
                        + allowed + " (a crash's replay)" + "\n" + data.render())
                .isLessThanOrEqualTo(allowed));
    }
}
