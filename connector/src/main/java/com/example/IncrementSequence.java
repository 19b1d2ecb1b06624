package com.example;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One sequence: record P of increment N has value P * N, so values are consecutive multiples of N and a gap or
 * a duplicate is visible in the data. Positions start at 1; {@link #position()} is the last one made.
 */
final class IncrementSequence {

    static final String VALUE_SCHEMA_NAME = "com.example.increment.Increment";
    static final String THREAD_ID_FIELD = "threadId";
    static final String HOSTNAME_FIELD = "hostname";
    static final String VALUE_FIELD = "value";

    static final Schema KEY_SCHEMA = Schema.INT64_SCHEMA;
    static final Schema VALUE_SCHEMA = SchemaBuilder.struct()
            .name(VALUE_SCHEMA_NAME)
            .doc("One step of an IncrementSource sequence; the record key is the increment N")
            .field(THREAD_ID_FIELD, SchemaBuilder.int64().doc("Id of the Connect task thread that made the record").build())
            .field(HOSTNAME_FIELD, SchemaBuilder.string().doc("Host name of the Connect worker that made the record").build())
            .field(VALUE_FIELD, SchemaBuilder.int64().doc("position * increment: consecutive multiples of the increment").build())
            .build();
    // Looked up once: Struct.put(String, ..) looks each name up again, for every record (the profile's HashMap.get).
    private static final Field THREAD_ID = VALUE_SCHEMA.field(THREAD_ID_FIELD);
    private static final Field HOSTNAME = VALUE_SCHEMA.field(HOSTNAME_FIELD);
    private static final Field VALUE = VALUE_SCHEMA.field(VALUE_FIELD);

    private final long increment;
    private final String topic;
    private final Map<String, Object> partition;
    private volatile long position;
    /** The timestamp of the last record made (0 when none yet): how an alert tells a stalled sequence. */
    private volatile long lastRecordTimestamp;
    /** The highest position Kafka has acknowledged; the producer's thread and the task's thread both raise it. */
    private final AtomicLong acknowledged;

    IncrementSequence(long increment, String topic, long position) {
        this.increment = increment;
        this.topic = topic;
        this.partition = IncrementOffsets.partition(increment);
        this.position = position;
        this.acknowledged = new AtomicLong(position);
    }

    long increment() {
        return increment;
    }

    String topic() {
        return topic;
    }

    /** The source partition every record of this sequence carries (the same map each time). */
    Map<String, Object> partition() {
        return partition;
    }

    /** The last position made (0 when none yet); read by the metrics thread too. */
    long position() {
        return position;
    }

    /** Epoch ms of the last record made by this task (0 when none yet); read by the metrics thread too. */
    long lastRecordTimestamp() {
        return lastRecordTimestamp;
    }

    /** Records made but not yet acknowledged by Kafka: those after the highest acknowledged position. */
    long unacknowledged() {
        return Math.max(0, position - acknowledged.get());
    }

    /**
     * Kafka has acknowledged the record at this position. Only the highest counts, so a record Connect never
     * reports (dropped by a transform, skipped under errors.tolerance=all) is covered by a later one.
     */
    void acknowledge(long acknowledgedPosition) {
        acknowledged.accumulateAndGet(acknowledgedPosition, Math::max);
    }

    /** The next record; fails the task rather than wrap when the position or value leaves the 64-bit range. */
    SourceRecord next(long threadId, String hostname, long timestamp) {
        long next;
        long value;
        try {
            next = Math.addExact(position, 1);
            value = Math.multiplyExact(next, increment);
        } catch (ArithmeticException e) {
            throw new ConnectException(String.format("Sequence of increment %d (topic %s) cannot go past position "
                    + "%d: the next value %s * %d does not fit in a 64-bit integer, and the sequence stops rather "
                    + "than wrap. Reset its offset or use a smaller increment.",
                    increment, topic, position, position == Long.MAX_VALUE ? "(position overflow)" : position + 1,
                    increment), e);
        }
        Struct struct = new Struct(VALUE_SCHEMA)
                .put(THREAD_ID, threadId)
                .put(HOSTNAME, hostname)
                .put(VALUE, value);
        position = next;
        lastRecordTimestamp = timestamp;
        return new SourceRecord(partition, IncrementOffsets.offset(next), topic, null,
                KEY_SCHEMA, increment, VALUE_SCHEMA, struct, timestamp);
    }
}
