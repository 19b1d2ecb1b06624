package com.example.increment.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.example.increment.scenarios.WorkerLoss;
import com.example.increment.scenarios.report.OutageAnalysis;
import com.example.increment.verify.SequenceRecord;
import com.example.increment.verify.SequenceReport;
import com.example.increment.verify.VerificationReport;

/** The failover figure is the scenarios' outage: the longest pause of a sequence from the loss on. */
class FailoverBenchTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theOutageIsTheLongestPauseEndingAfterTheKillNotAnEarlierOne() {
        // a 5 s gap before the kill (not the failover's), then 10.5 s without records from just before the kill
        SequenceReport sequence = sequence("seq_1", 0, 5000, 5100, 5200, 15700, 15800);

        assertThat(OutageAnalysis.outageIn(sequence, T0.plusMillis(5300), Instant.MAX))
                .isEqualTo(Duration.ofMillis(10500));
    }

    @Test
    void aSequenceThatKeptGoingStoodStillOnlyBetweenTwoRecords() {
        SequenceReport sequence = sequence("seq_1", 0, 10, 20, 30, 40);

        assertThat(OutageAnalysis.outageIn(sequence, T0.plusMillis(15), Instant.MAX)).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void theKilledSideIsTheLostWorkersSequencesAndTheOtherSideTheRest() {
        Instant lossAt = T0.plusMillis(1000);
        SequenceReport moved = sequence("seq_1", 0, 500, 990, 12000, 12010);
        SequenceReport kept = sequence("seq_100", 0, 500, 1000, 1200, 1210);
        VerificationReport data = new VerificationReport(Map.of(moved.topic(), moved, kept.topic(), kept));
        WorkerLoss loss = new WorkerLoss("worker-2", false, Set.of("seq_1"), lossAt, Optional.empty(), data, null,
                null);

        FailoverBench.Pauses pauses = FailoverBench.Pauses.of(loss);

        assertThat(pauses.killedSide()).containsExactly(Map.entry("seq_1", 11.01));
        assertThat(pauses.otherSide()).containsExactly(Map.entry("seq_100", 0.2));
    }

    private static SequenceReport sequence(String topic, long... millis) {
        List<SequenceRecord> records = new ArrayList<>();
        for (int i = 0; i < millis.length; i++) {
            records.add(new SequenceRecord(topic, 0, i, "1", i + 1, 1, "host", T0.plusMillis(millis[i])));
        }
        return new SequenceReport(topic, 1, records);
    }
}
