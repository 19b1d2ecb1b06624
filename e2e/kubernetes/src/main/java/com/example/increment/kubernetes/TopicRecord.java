package com.example.increment.kubernetes;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import com.example.increment.verify.SequenceRecord;
import com.example.increment.verify.SequenceVerifier;

/**
 * One record as Kafka's console consumer prints it, key and value as text, before any parsing: what
 * {@link BrokerTopicReader#read} returns for any topic. A sequence topic's record becomes a {@link SequenceRecord}
 * through {@link #toSequenceRecord()}, parsed by the verifier's one JSON parser.
 */
public record TopicRecord(String topic, int partition, long offset, long timestamp, String key, String value) {

    /** The same record as a Kafka client would have read it, for code that takes {@link ConsumerRecord}s. */
    public ConsumerRecord<String, String> toConsumerRecord() {
        return new ConsumerRecord<>(topic, partition, offset, timestamp, TimestampType.CREATE_TIME, -1, -1, key, value,
                new RecordHeaders(), Optional.empty());
    }

    /**
     * The value parsed as a sequence value {@code {"threadId":..,"hostname":..,"value":..}}.
     *
     * @throws IllegalStateException naming the record when it is not one
     */
    public SequenceRecord toSequenceRecord() {
        return SequenceVerifier.parse(toConsumerRecord());
    }
}
