package com.example.increment.verify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The default value format, JsonConverter without schemas: {@code {"threadId":..,"hostname":..,"value":..}}. The one
 * place that reads and writes that shape, whether the value comes as bytes from a Kafka client or as text from a
 * console consumer.
 */
final class JsonValueDecoder implements ValueDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public SequenceRecord decode(ConsumerRecord<String, byte[]> r) {
        return parse(r.topic(), r.partition(), r.offset(), r.key(), r.timestamp(),
                r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
    }

    /** Parses a JSON sequence value; the other arguments locate the record for the error. */
    static SequenceRecord parse(String topic, int partition, long offset, String key, long timestamp, String value) {
        try {
            JsonNode v = JSON.readTree(value);
            if (v == null || !v.has("value")) {
                throw new IllegalArgumentException("no \"value\" field");
            }
            return new SequenceRecord(topic, partition, offset, key, v.path("value").asLong(),
                    v.path("threadId").asLong(), v.path("hostname").asText(), Instant.ofEpochMilli(timestamp));
        } catch (Exception e) {
            throw new IllegalStateException("Record " + topic + "-" + partition + "@" + offset
                    + " is not a sequence record {\"threadId\":..,\"hostname\":..,\"value\":..}: " + value, e);
        }
    }

    /** The record's value in this format, whatever its format on the wire. */
    static String format(SequenceRecord r) {
        return JSON.createObjectNode().put("threadId", r.threadId()).put("hostname", r.hostname())
                .put("value", r.value()).toString();
    }
}
