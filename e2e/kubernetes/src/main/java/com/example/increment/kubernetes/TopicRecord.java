package com.example.increment.kubernetes;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** One record as Kafka's console consumer prints it: key and value as text. */
public record TopicRecord(String topic, int partition, long offset, long timestamp, String key, String value) {

    /** The same record as a Kafka client would have read it, for code that takes {@link ConsumerRecord}s. */
    public ConsumerRecord<String, String> toConsumerRecord() {
        return new ConsumerRecord<>(topic, partition, offset, timestamp, TimestampType.CREATE_TIME, -1, -1, key, value,
                new RecordHeaders(), Optional.empty());
    }
}
