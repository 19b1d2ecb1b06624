package com.example.increment.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

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

    @Test
    void aCaseEndsOnlyOnceTheKilledSequenceResumedAndEverySequenceRanTheMarginPastThat() {
        Instant dead = T0.plusMillis(1000);
        Duration margin = Duration.ofMillis(1000);
        SequenceReport other = sequence("seq_100", 0, 500, 1000, 1500, 2000, 12500, 13000);

        // records up to the kill only: not resumed, however long the other sequence runs
        assertThat(FailoverBench.resumed(List.of(sequence("seq_1", 0, 500, 990), other), Set.of("seq_1"), dead,
                margin)).isFalse();
        // resumed at 12.0 s, but nothing is read yet at 13.0 s or later on the killed sequence
        assertThat(FailoverBench.resumed(List.of(sequence("seq_1", 0, 500, 990, 12000, 12500), other),
                Set.of("seq_1"), dead, margin)).isFalse();
        // resumed at 12.0 s and both sequences reached 13.0 s
        assertThat(FailoverBench.resumed(List.of(sequence("seq_1", 0, 500, 990, 12000, 13000), other),
                Set.of("seq_1"), dead, margin)).isTrue();
        // the killed sequence is missing from what was read
        assertThat(FailoverBench.resumed(List.of(other), Set.of("seq_1"), dead, margin)).isFalse();
    }

    private static SequenceReport sequence(long... millis) {
        return sequence("seq_1", millis);
    }

    private static SequenceReport sequence(String topic, long... millis) {
        List<SequenceRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < millis.length; i++) {
            records.add(new SequenceRecord(topic, 0, i, "1", i + 1, 1, "host", T0.plusMillis(millis[i])));
        }
        return new SequenceReport(topic, 1, records);
    }
}
