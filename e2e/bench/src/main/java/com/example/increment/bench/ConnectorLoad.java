package com.example.increment.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.increment.connect.IncrementConnector;
import com.example.increment.local.LocalConnectCluster;
import com.example.increment.support.Waits;

/**
 * A source connector on the local cluster, unthrottled, with the converters of {@code make run} (string keys,
 * schemaless JSON values), so both connectors pay the same conversion cost.
 */
public record ConnectorLoad(LocalConnectCluster cluster, String label, String name, Map<String, String> config,
                            int parallelism, List<String> topics) implements Load {

    public static final String VERIFIABLE_SOURCE_CLASS = "org.apache.kafka.connect.tools.VerifiableSourceConnector";
    /** Records per sequence per poll: big, so a poll is worth its round trip through the worker. */
    public static final int INCREMENT_BATCH_SIZE = 10_000;
    /**
     * IncrementSource's bound on records handed to Connect and not yet acknowledged by Kafka (IncrementSourceConfig:
     * poll() returns nothing while that many are out; 0 = no bound). The connector is not on this classpath.
     */
    public static final String MAX_UNACKNOWLEDGED_RECORDS = "max.unacknowledged.records";
    public static final String INCREMENT_UNBOUNDED_LABEL = "IncrementSource, unbounded";
    /** With exactly-once: how often Connect commits the task's transaction when it is not after every poll. */
    public static final Duration TRANSACTION_INTERVAL = Duration.ofSeconds(1);
    public static final String INCREMENT_INTERVAL_TRANSACTIONS_LABEL =
            "IncrementSource, a transaction every " + TRANSACTION_INTERVAL.toSeconds() + " s";
    private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(60);

    /** IncrementSource with the default connector's increments 1 and 100 (two sequences, so two tasks have work). */
    public static ConnectorLoad increment(LocalConnectCluster cluster, String name, int tasks) {
        Map<String, String> config = new LinkedHashMap<>(IncrementConnector.config(tasks));
        String prefix = name + "-";
        config.put("topic.prefix", prefix);
        config.put("records.per.second", "0");
        config.put("batch.size", Integer.toString(INCREMENT_BATCH_SIZE));
        List<String> topics = List.of(IncrementConnector.INCREMENTS.split(",")).stream().map(n -> prefix + n).toList();
        return new ConnectorLoad(cluster, "IncrementSource", name, Map.copyOf(config), tasks, topics);
    }

    /**
     * Kafka's own sequence generator: {@code throughput=-1} turns its throttle off; {@code complete.record.data}
     * makes its value a struct (name, task, topic, time_ms, seqno), near IncrementSource's record size.
     */
    public static ConnectorLoad verifiable(LocalConnectCluster cluster, String name, int tasks) {
        Map<String, String> config = new LinkedHashMap<>(IncrementConnector.config(tasks));
        config.remove("increments");
        config.remove("topic.prefix");
        config.put("connector.class", VERIFIABLE_SOURCE_CLASS);
        config.put("topic", name);
        config.put("throughput", "-1");
        config.put("complete.record.data", "true");
        return new ConnectorLoad(cluster, "VerifiableSource", name, Map.copyOf(config), tasks, List.of(name));
    }

    public static final String LOAD_GENERATOR_LABEL = "IncrementSource, load generator";

    /** IncrementSource with the settings of the chart's load generator preset ({@link LoadGenerator}). */
    public static ConnectorLoad loadGenerator(LocalConnectCluster cluster, String name, int tasks) {
        LoadGenerator preset = LoadGenerator.preset();
        Map<String, String> config = new LinkedHashMap<>(increment(cluster, name, tasks).config());
        config.putAll(preset.connectorConfig());
        config.put("increments", preset.increments());
        String prefix = config.get("topic.prefix");
        List<String> topics = List.of(preset.increments().split(",")).stream().map(n -> prefix + n).toList();
        return new ConnectorLoad(cluster, LOAD_GENERATOR_LABEL, name, Map.copyOf(config), tasks, topics);
    }

    /** The same load with one connector setting changed. */
    public ConnectorLoad with(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new ConnectorLoad(cluster, label, name, Map.copyOf(changed), parallelism, topics);
    }

    /**
     * IncrementSource as it was before the bound ({@code max.unacknowledged.records=0}): at-least-once Connect keeps
     * polling while the producer buffers and holds every unacknowledged record on the heap until acked. The row
     * shows what the bound buys.
     */
    public static ConnectorLoad incrementUnbounded(LocalConnectCluster cluster, String name, int tasks) {
        ConnectorLoad plain = increment(cluster, name, tasks).with(MAX_UNACKNOWLEDGED_RECORDS, "0");
        return new ConnectorLoad(cluster, INCREMENT_UNBOUNDED_LABEL, name, plain.config(), tasks, plain.topics());
    }

    /**
     * IncrementSource with exactly-once transactions that Connect commits every {@link #TRANSACTION_INTERVAL}
     * ({@code transaction.boundary=interval}) instead of after every poll: fewer commit round trips, but the worker
     * holds every record of the open transaction until it commits (on a small heap that costs more than it saves;
     * BENCHMARKS.md). The connector's own bound turns itself off then (acknowledgements come only at a commit); the
     * producer's buffer bounds what is in flight.
     */
    public static ConnectorLoad incrementIntervalTransactions(LocalConnectCluster cluster, String name, int tasks) {
        ConnectorLoad plain = increment(cluster, name, tasks).with("transaction.boundary", "interval")
                .with("transaction.boundary.interval.ms", Long.toString(TRANSACTION_INTERVAL.toMillis()));
        return new ConnectorLoad(cluster, INCREMENT_INTERVAL_TRANSACTIONS_LABEL, name, plain.config(), tasks,
                plain.topics());
    }

    @Override
    public void start() {
        cluster.putConnector(name, config);
        cluster.awaitRunning(name, parallelism);
    }

    @Override
    public void stop() {
        cluster.deleteConnector(name);
        Waits.waitFor("connector " + name + " to be deleted", DELETE_TIMEOUT,
                () -> !cluster.rest().connectors().contains(name));
    }
}
