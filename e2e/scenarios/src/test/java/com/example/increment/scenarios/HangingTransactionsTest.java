package com.example.increment.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.example.increment.scenarios.HangingTransactions.OpenTransaction;

class HangingTransactionsTest {

    private static final TopicPartition DATA = new TopicPartition("e2e-o6-2", 0);
    private static final TopicPartition OFFSETS = new TopicPartition("connect-offsets", 3);

    @Test
    void aTransactionOpenFromTheSameOffsetInBothLooksHangsEvenIfItsProducerWroteSince() {
        OpenTransaction before = open(DATA, 7, 5, 100, 1_000);
        OpenTransaction later = open(DATA, 7, 6, 100, 31_000);

        assertThat(HangingTransactions.stillOpen(List.of(before), List.of(later))).containsExactly(later);
    }

    @Test
    void aTransactionThatEndedAndANewOneThatBeganIsNotHanging() {
        OpenTransaction before = open(DATA, 7, 5, 100, 1_000);
        OpenTransaction next = open(DATA, 7, 6, 140, 31_000);

        assertThat(HangingTransactions.stillOpen(List.of(before), List.of(next))).isEmpty();
    }

    @Test
    void onlyTheSamePartitionAndProducerCount() {
        List<OpenTransaction> earlier = List.of(open(DATA, 7, 5, 100, 1_000), open(OFFSETS, 8, 1, 12, 1_000));
        OpenTransaction otherProducer = open(DATA, 9, 1, 100, 31_000);
        OpenTransaction otherPartition = open(OFFSETS, 7, 5, 100, 31_000);
        OpenTransaction stuckOffsets = open(OFFSETS, 8, 1, 12, 1_000);

        assertThat(HangingTransactions.stillOpen(earlier, List.of(otherProducer, otherPartition, stuckOffsets)))
                .containsExactly(stuckOffsets);
    }

    private static OpenTransaction open(TopicPartition partition, long producerId, int epoch, long startOffset,
                                        long lastTimestamp) {
        return new OpenTransaction(partition, new ProducerState(producerId, epoch, 0, lastTimestamp,
                OptionalInt.of(0), OptionalLong.of(startOffset)));
    }
}
