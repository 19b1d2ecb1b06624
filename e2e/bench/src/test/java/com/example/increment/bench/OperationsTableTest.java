package com.example.increment.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.increment.scenarios.ClusterOperation;

class OperationsTableTest {

    private static OperationResult cell(ClusterOperation operation, int delaySeconds, double moved, long duplicates) {
        return new OperationResult(operation, Duration.ofSeconds(delaySeconds), Duration.ofMillis((long) (moved * 1000)),
                Duration.ofMillis(100), duplicates, 0, Duration.ofSeconds(20));
    }

    @Test
    void oneRowPerOperationOneColumnPerDelayAndAMissingCellSaysSo() {
        String md = OperationsTable.render(List.of(
                cell(ClusterOperation.POD_DELETE, 0, 1.4, 0),
                cell(ClusterOperation.POD_DELETE, 10, 10.9, 0),
                cell(ClusterOperation.BROKER_KILL, 0, 10.6, 92)));

        assertThat(md).contains("| operation | 0 s | 10 s |",
                "| kubectl delete pod (a follower, graceful) | 1.4 / 0.1 | 10.9 / 0.1 |",
                "| Kafka pod force-deleted (SIGKILL) | 10.6 / 0.1 | — |",
                "| Kafka pod force-deleted (SIGKILL) | 0 | 10.6 | 0.1 | 92 | 0 | 20.0 |");
    }
}
