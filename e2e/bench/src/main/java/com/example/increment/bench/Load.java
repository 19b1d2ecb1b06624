package com.example.increment.bench;

import java.util.List;

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

    /** Stops it and returns once it no longer writes. */
    void stop();
}
