package com.example.increment.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.increment.verify.SequenceRecord;
import com.example.increment.verify.SequenceReport;

class FailoverBenchTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void stoodStillIsTheLongestGapEndingAfterTheKillNotAnEarlierOne() {
        // a 5 s gap before the kill (not the failover's), then 10.5 s without records from just before the kill
        SequenceReport sequence = sequence(0, 5000, 5100, 5200, 15700, 15800);

        assertThat(FailoverBench.stoodStill(sequence, T0.plusMillis(5300))).isEqualTo(Duration.ofMillis(10500));
    }

    @Test
    void aSequenceThatKeptGoingStoodStillOnlyBetweenTwoRecords() {
        SequenceReport sequence = sequence(0, 10, 20, 30, 40);

        assertThat(FailoverBench.stoodStill(sequence, T0.plusMillis(15))).isEqualTo(Duration.ofMillis(10));
    }

    private static SequenceReport sequence(long... millis) {
        List<SequenceRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < millis.length; i++) {
            records.add(new SequenceRecord("seq_1", 0, i, "1", i + 1, 1, "host", T0.plusMillis(millis[i])));
        }
        return new SequenceReport("seq_1", 1, records);
    }
}
