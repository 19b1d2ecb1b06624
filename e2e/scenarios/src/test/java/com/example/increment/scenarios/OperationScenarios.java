package com.example.increment.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Strimzi's pod lifecycle on a local cluster while records flow, one subclass per rebalance delay: a graceful pod
 * delete, a rolling restart, a scale-down and a broker restart. No operation may lose a record (checked here for
 * each); what each may cost in pauses at its delay is the subclass's claim.
 */
abstract class OperationScenarios {

    /** Every sequence waits for the broker: its time away, its start on existing data, the producers' retry. */
    private static final Duration BROKER_RESTART_BOUND = Duration.ofSeconds(90);

    private final String idPrefix;
    private final LocalScenarioCluster local;
    private final ClusterTiming timing;

    /**
     * @param idPrefix the report ids' letter: o1..o4 at one delay, q1..q4 at another
     * @param local    the subclass's cluster (its static extension), started with {@code timing}
     */
    OperationScenarios(String idPrefix, LocalScenarioCluster local, ClusterTiming timing) {
        this.idPrefix = idPrefix;
        this.local = local;
        this.timing = timing;
    }

    @Test
    @Order(4)
    void brokerRestart() {
        OperationRun op = run(idPrefix + "4-broker-restart", ClusterOperation.BROKER_RESTART);
        assertThat(op.movedOutage()).as("outage while the broker restarted").isLessThan(BROKER_RESTART_BOUND);
    }

    /** Runs {@code operation} as the scenario {@code id} (its report page's name) and asserts it left no gap. */
    OperationRun run(String id, ClusterOperation operation) {
        OperationRun op = OperationRun.run(new ScenarioRun(local.cluster(), timing, id, operation.description()
                + " with the rebalance delay at " + timing.rebalanceDelay().toSeconds() + " s"), operation);
        assertThat(op.data().hasGaps()).as(op.data().render()).isFalse();
        return op;
    }
}
