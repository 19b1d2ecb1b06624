package com.example.increment.verify;

import java.time.Instant;

/** One record of a sequence topic: where it sits, its key and timestamp, and its value's three fields. */
public record SequenceRecord(String topic, int partition, long offset, String key, long value, long threadId,
                             String hostname, Instant timestamp) {

    /**
     * The value as a console consumer prints the default connector's JSON, {@code {"threadId":..,"hostname":..,
     * "value":..}}, whatever the format on the wire (JSON or Avro).
     */
    public String asJson() {
        return JsonValueDecoder.format(this);
    }
}
