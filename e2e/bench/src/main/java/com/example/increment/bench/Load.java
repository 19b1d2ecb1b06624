package com.example.increment.bench;

import java.util.List;
import java.util.Map;

/** Something that writes records into Kafka as fast as it can: a connector, or Kafka's producer benchmark. */
public interface Load {

    /** What the table calls it, e.g. {@code IncrementSource}. */
    String label();

    /** Tasks (connectors) or producer processes (ProducerPerformance) writing in parallel. */
    int parallelism();

    /** The topics it writes to, all of them measured. */
    List<String> topics();

    /** Starts it and returns once it runs (not necessarily once records land). */
    void start();

    /** Its own processes by name, whose CPU the bench reports next to the cluster's (connectors run in workers). */
    default Map<String, Long> pids() {
        return Map.of();
    }

    /** Stops it and returns once it no longer writes. */
    void stop();
}
