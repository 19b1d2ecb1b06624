package com.example.increment.verify;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a sequence topic's record (value as raw bytes) into a {@link SequenceRecord}: the one place that knows the
 * value format, so {@link SequenceTopics} reads JSON and Avro topics with the same loop.
 */
@FunctionalInterface
public interface ValueDecoder {

    /** @throws IllegalStateException naming the record when its value is not a sequence value */
    SequenceRecord decode(ConsumerRecord<String, byte[]> record);

    /** The default format: JsonConverter without schemas, {@code {"threadId":..,"hostname":..,"value":..}}. */
    static ValueDecoder json() {
        return new JsonValueDecoder();
    }
}
