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
 * Strimzi's pod lifecycle on a local cluster with the rebalance delay at 0: a graceful pod delete, a rolling
 * restart, a scale-down and a broker restart while records flow (the broker restart and the no-gap check are in
 * {@link OperationScenarios}); with no delay the moved sequences resume within seconds, whatever the operation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("local-cluster") // starts Kafka processes: `make unit` leaves it out
class OperationsWithoutDelayScenariosTest extends OperationScenarios {

    private static final ClusterTiming TIMING = ClusterTiming.noDelay();
    /** Loose: with no delay a graceful leave hands the tasks over at once; a loaded machine adds seconds. */
    private static final Duration PROMPT = Duration.ofSeconds(15);

    @RegisterExtension
    static final LocalScenarioCluster LOCAL = new LocalScenarioCluster("operations-d0", 2, TIMING);

    OperationsWithoutDelayScenariosTest() {
        super("o", LOCAL, TIMING);
    }

    @Test
    @Order(1)
    void gracefulPodDelete() {
        OperationRun op = run("o1-pod-delete", ClusterOperation.POD_DELETE);
        assertThat(op.movedOutage()).as("the deleted pod's sequences, no delay").isLessThan(PROMPT);
        assertThat(op.otherOutage()).as("the other sequences").isLessThan(PROMPT);
    }

    @Test
    @Order(2)
    void rollingRestart() {
        OperationRun op = run("o2-rolling-restart", ClusterOperation.ROLLING_RESTART_2);
        assertThat(op.restarts()).as("one restart per pod").hasSize(2);
        assertThat(op.movedOutage()).as("every sequence moves twice, each time at once").isLessThan(PROMPT);
    }

    @Test
    @Order(3)
    void scaleDown() {
        LOCAL.cluster().scaleWorkers(ClusterOperation.SCALE_DOWN.workersBefore());
        OperationRun op = run("o3-scale-down", ClusterOperation.SCALE_DOWN);
        assertThat(op.finalStatus().tasksByWorker()).as("the removed (highest) worker runs nothing")
                .hasSize(ClusterOperation.SCALE_DOWN.workersAfter());
        assertThat(op.movedOutage()).as("the removed worker's sequences, no delay").isLessThan(PROMPT);
    }
}
