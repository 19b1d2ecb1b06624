package com.example.increment.verify;

import java.time.Instant;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Sequence values in Avro ({@code make run FORMAT=avro}): Confluent wire format, schema
 * {@code com.example.increment.Increment} {threadId, hostname, value} fetched from the registry by id. Plugs Avro into
 * the verifier and the live view.
 */
public final class AvroValueDecoder implements ValueDecoder {

    private final ConfluentAvroDecoder decoder;

    /** @param ccompatUrl the registry's Confluent-compatible API, e.g. {@code http://127.0.0.1:8080/apis/ccompat/v7} */
    public AvroValueDecoder(String ccompatUrl) {
        this.decoder = new ConfluentAvroDecoder(new CcompatClient(ccompatUrl));
    }

    @Override
    public SequenceRecord decode(ConsumerRecord<String, byte[]> r) {
        String where = "Record " + r.topic() + "-" + r.partition() + "@" + r.offset();
        GenericRecord v = decoder.decode(r.value(), where);
        if (v.getSchema().getField("value") == null) {
            throw new IllegalStateException(where + " has schema " + v.getSchema().getFullName()
                    + " without a \"value\" field; expected {threadId, hostname, value}");
        }
        return new SequenceRecord(r.topic(), r.partition(), r.offset(), r.key(), ((Number) v.get("value")).longValue(),
                v.get("threadId") instanceof Number n ? n.longValue() : 0L, String.valueOf(v.get("hostname")),
                Instant.ofEpochMilli(r.timestamp()));
    }
}
