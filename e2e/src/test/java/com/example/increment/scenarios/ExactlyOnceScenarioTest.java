package com.example.increment.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.example.increment.cluster.ClusterLogsOnFailure;
import com.example.increment.scenarios.WorkerLoss.Loss;
import com.example.increment.scenarios.WorkerLoss.Pick;

/**
 * Scenario 8: scenario 1 again with {@code exactly.once.source.support=enabled} on every worker (the broker's
 * transaction state log has replication factor and min ISR 1, fitting its one node) and the connector requiring
 * exactly-once: a {@code read_committed} reader sees no gap and no duplicate.
 */
class ExactlyOnceScenarioTest {

    private static final ClusterTiming TIMING = ClusterTiming.exactlyOnceNoDelay();
    private static LocalScenarioCluster local;

    @RegisterExtension
    static final ClusterLogsOnFailure LOG_TAILS = new ClusterLogsOnFailure(
            () -> local == null ? List.of() : local.cluster().logFiles());
    @RegisterExtension
    static final CopyLogsOnFailure LOGS = new CopyLogsOnFailure(
            () -> local == null ? List.of() : local.cluster().logFiles());

    @BeforeAll
    static void startCluster() {
        local = new LocalScenarioCluster("scenarios-exactly-once", 2, TIMING).start();
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
    void s8KilledFollowerUnderExactlyOnceGivesNoGapAndNoDuplicateToReadCommitted() {
        WorkerLoss loss = WorkerLoss.run(new ScenarioRun(local.cluster(), TIMING, "s8-exactly-once-kill",
                "exactly-once source, kill -9 a follower: 0 gaps, 0 duplicates (read_committed)"), Pick.FOLLOWER,
                Loss.KILL);

        assertThat(loss.data().sequences()).hasSize(ScenarioRun.INCREMENTS.size());
        assertThat(loss.data().hasGaps()).as(loss.data().render()).isFalse();
        assertThat(loss.data().totalDuplicates()).as("exactly-once, read_committed: " + loss.data().render()).isZero();
        loss.movedTopics().forEach(topic -> assertThat(loss.outage(topic)).as("outage of %s", topic)
                .isLessThan(TIMING.sessionTimeout().plusSeconds(15)));
    }
}
