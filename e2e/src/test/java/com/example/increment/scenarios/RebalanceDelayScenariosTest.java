package com.example.increment.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.example.increment.cluster.ClusterLogsOnFailure;
import com.example.increment.scenarios.WorkerLoss.Loss;
import com.example.increment.scenarios.WorkerLoss.Pick;

/**
 * Scenarios 3, 4 and 5 on one local cluster with {@code scheduled.rebalance.max.delay.ms} = D = 20 s: a lost
 * follower's tasks wait for it about D (after the session timeout noticed it), a leader's do not.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebalanceDelayScenariosTest {

    private static final ClusterTiming TIMING = ClusterTiming.delayed();
    private static final Duration D = TIMING.rebalanceDelay();
    /** Loose bounds: the delay starts when the leader notices the loss, and a move takes a few seconds more. */
    private static final Duration LOWER = D.minusSeconds(5);
    private static final Duration UPPER = D.plus(TIMING.sessionTimeout()).plusSeconds(20);
    private static LocalScenarioCluster local;

    @RegisterExtension
    static final ClusterLogsOnFailure LOG_TAILS = new ClusterLogsOnFailure(
            () -> local == null ? List.of() : local.cluster().logFiles());
    @RegisterExtension
    static final CopyLogsOnFailure LOGS = new CopyLogsOnFailure(
            () -> local == null ? List.of() : local.cluster().logFiles());

    @BeforeAll
    static void startCluster() {
        local = new LocalScenarioCluster("scenarios-rebalance-delay", 2, TIMING).start();
    }

    @AfterEach
    void rememberPids() {
        local.rememberPids();
    }

    @AfterAll
    static void stopCluster() {
        if (local != null) {
            local.close();
        }
    }

    @Test
    @Order(1)
    void s3KilledFollowersSequencesWaitAboutTheDelayThenResumeElsewhere() {
        WorkerLoss loss = WorkerLoss.run(new ScenarioRun(local.cluster(), TIMING, "s3-delay-kill-follower",
                "kill -9 a follower with D=20 s: its sequences pause ~D, then resume"), Pick.FOLLOWER, Loss.KILL);

        assertThat(loss.data().hasGaps()).as(loss.data().render()).isFalse();
        for (String topic : loss.movedTopics()) {
            assertThat(loss.outage(topic)).as("outage of %s (killed follower's task), D = %d s", topic, D.toSeconds())
                    .isBetween(LOWER, UPPER);
        }
        for (String topic : loss.otherTopics()) {
            assertThat(loss.outage(topic)).as("outage of %s, on the surviving worker", topic)
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    @Order(2)
    void s4WorkerBackUnderTheSameIdentityGetsItsTasksOnlyWhenTheDelayExpires() {
        WorkerLoss loss = WorkerLoss.run(new ScenarioRun(local.cluster(), TIMING, "s4-delay-kill-restart",
                "kill -9 a follower and restart it at once (same id) with D=20 s: tasks back only when D expires"),
                Pick.FOLLOWER, Loss.KILL_AND_RESTART);

        assertThat(loss.data().hasGaps()).as(loss.data().render()).isFalse();
        for (String topic : loss.movedTopics()) {
            assertThat(loss.outage(topic)).as("outage of %s: back before D although its worker was back at t=%s",
                    topic, loss.backAt()).isBetween(LOWER, UPPER);
        }
        // When D expired, the lost tasks went to the worker that had come back (its id is the same).
        assertThat(loss.finalStatus().tasksByWorker().get(loss.victim())).as(loss.finalStatus().toString())
                .isNotEmpty();
    }

    @Test
    @Order(3)
    void s5KilledLeadersTasksMoveWithoutWaitingForTheDelay() {
        WorkerLoss loss = WorkerLoss.run(new ScenarioRun(local.cluster(), TIMING, "s5-kill-leader",
                "kill -9 the leader with D=20 s: its tasks move without waiting for D"), Pick.LEADER, Loss.KILL);

        assertThat(loss.victimLed()).isTrue();
        assertThat(loss.data().hasGaps()).as(loss.data().render()).isFalse();
        for (String topic : loss.movedTopics()) {
            // A killed follower costs session timeout + D (scenario 3); the new leader knows no earlier assignment.
            assertThat(loss.outage(topic)).as("outage of %s (the leader's task), D = %d s", topic, D.toSeconds())
                    .isLessThan(D.plusSeconds(5));
        }
    }
}
