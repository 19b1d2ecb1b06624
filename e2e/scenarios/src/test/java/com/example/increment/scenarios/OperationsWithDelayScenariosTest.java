package com.example.increment.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Strimzi's pod lifecycle on a local cluster with the rebalance delay at 10 s: a graceful pod delete, a rolling
 * restart, a scale-down and a broker restart while records flow (the broker restart and the no-gap check are in
 * {@link OperationScenarios}); a graceful leave waits for the delay too, since Connect tracks group members, not
 * pod names.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("local-cluster") // starts Kafka processes: `make unit` leaves it out
class OperationsWithDelayScenariosTest extends OperationScenarios {

    private static final ClusterTiming TIMING = ClusterTiming.atLeastOnce(Duration.ofSeconds(10));
    private static final Duration DELAY = TIMING.rebalanceDelay();
    /** Loose bounds: the delay starts when the leader sees the member leave; a move takes a few seconds more. */
    private static final Duration LOWER = DELAY.minusSeconds(3);
    private static final Duration UPPER = DELAY.plus(TIMING.sessionTimeout()).plusSeconds(30);

    @RegisterExtension
    static final LocalScenarioCluster LOCAL = new LocalScenarioCluster("operations-d10", 2, TIMING);

    OperationsWithDelayScenariosTest() {
        super("q", LOCAL, TIMING);
    }

    @Test
    @Order(1)
    void gracefulPodDelete() {
        OperationRun op = run("q1-pod-delete", ClusterOperation.POD_DELETE);
        assertThat(op.movedOutage()).as("the deleted pod's sequences wait for the delay although the pod comes back")
                .isBetween(LOWER, UPPER);
        assertThat(op.otherOutage()).as("the other sequences do not wait").isLessThan(LOWER);
    }

    @Test
    @Order(2)
    void rollingRestart() {
        OperationRun op = run("q2-rolling-restart", ClusterOperation.ROLLING_RESTART_2);
        assertThat(op.restarts()).as("one restart per pod").hasSize(2);
        // A follower rolled before the leader waits for the delay or for the leader's roll, whichever comes first:
        // the next leader has no earlier assignment and hands out the lost tasks at once (the operations matrix).
        assertThat(op.movedOutage()).as("the longest stall of a rolled pod's sequences").isLessThan(UPPER);
    }

    @Test
    @Order(3)
    void scaleDown() {
        LOCAL.cluster().scaleWorkers(ClusterOperation.SCALE_DOWN.workersBefore());
        OperationRun op = run("q3-scale-down", ClusterOperation.SCALE_DOWN);
        assertThat(op.finalStatus().tasksByWorker()).as("the removed (highest) worker runs nothing")
                .hasSize(ClusterOperation.SCALE_DOWN.workersAfter());
        assertThat(op.movedOutage()).as("the removed worker's sequences wait for the delay").isBetween(LOWER, UPPER);
    }
}
