package com.example.increment.verify;

import java.time.Instant;

/** One record of a sequence topic as the lab prints it: {@code {"threadId":..,"hostname":..,"value":..}}. */
public record SequenceRecord(String topic, int partition, long offset, String key, long value, long threadId,
                             String hostname, Instant timestamp) {
}
