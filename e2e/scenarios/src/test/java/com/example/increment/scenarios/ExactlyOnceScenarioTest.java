package com.example.increment.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.example.increment.scenarios.WorkerLoss.Loss;
import com.example.increment.scenarios.WorkerLoss.Pick;

/**
 * Scenario 8: scenario 1 again with {@code exactly.once.source.support=enabled} on every worker (the broker's
 * transaction state log has replication factor and min ISR 1, fitting its one node) and the connector requiring
 * exactly-once: a {@code read_committed} reader sees no gap and no duplicate, after a kill, through a rolling
 * restart and through a broker restart.
 */
@Tag("local-cluster") // starts Kafka processes: `make unit` leaves it out
class ExactlyOnceScenarioTest {

    private static final ClusterTiming TIMING = ClusterTiming.exactlyOnceNoDelay();

    @RegisterExtension
    static final LocalScenarioCluster LOCAL = new LocalScenarioCluster("scenarios-exactly-once", 2, TIMING);

    @Test
    void s8KilledFollowerUnderExactlyOnceGivesNoGapAndNoDuplicateToReadCommitted() {
        WorkerLoss loss = WorkerLoss.run(new ScenarioRun(LOCAL.cluster(), TIMING, "s8-exactly-once-kill",
                "exactly-once source, kill -9 a follower: 0 gaps, 0 duplicates (read_committed)"), Pick.FOLLOWER,
                Loss.KILL);

        assertThat(loss.data().sequences()).hasSize(ScenarioRun.INCREMENTS.size());
        assertThat(loss.data().hasGaps()).as(loss.data().render()).isFalse();
        assertThat(loss.data().totalDuplicates()).as("exactly-once, read_committed: " + loss.data().render()).isZero();
        loss.movedTopics().forEach(topic -> assertThat(loss.outage(topic)).as("outage of %s", topic)
                .isLessThan(TIMING.sessionTimeout().plusSeconds(15)));
    }

    @Test
    void rollingRestartUnderExactlyOnceGivesNoGapAndNoDuplicateToReadCommitted() {
        OperationRun op = OperationRun.run(new ScenarioRun(LOCAL.cluster(), TIMING, "o5-exactly-once-roll",
                "exactly-once source, rolling restart of both Connect pods: 0 gaps, 0 duplicates (read_committed)"),
                ClusterOperation.ROLLING_RESTART_2);

        assertThat(op.restarts()).hasSize(2);
        assertThat(op.data().hasGaps()).as(op.data().render()).isFalse();
        assertThat(op.data().totalDuplicates()).as("exactly-once, read_committed: " + op.data().render()).isZero();
    }

    @Test
    void brokerRestartUnderExactlyOnceGivesNoGapAndNoDuplicateToReadCommitted() {
        OperationRun op = OperationRun.run(new ScenarioRun(LOCAL.cluster(), TIMING, "o6-exactly-once-broker",
                "exactly-once source, Kafka pod deleted (graceful): 0 gaps, 0 duplicates (read_committed); "
                        + "transactions Kafka leaves open are aborted as an operator would"),
                ClusterOperation.BROKER_RESTART);

        assertThat(op.restarts()).hasSize(1);
        assertThat(op.data().hasGaps()).as(op.data().render()).isFalse();
        assertThat(op.data().totalDuplicates()).as("exactly-once, read_committed: " + op.data().render()).isZero();
        assertThat(op.finalStatus().running()).isTrue();
    }
}
