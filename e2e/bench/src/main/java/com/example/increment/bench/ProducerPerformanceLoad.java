package com.example.increment.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import com.example.increment.local.LocalConnectCluster;
import com.example.increment.local.process.JvmSpec;
import com.example.increment.local.process.Log4jConfig;
import com.example.increment.local.process.ManagedProcess;

/**
 * Kafka's {@code ProducerPerformance} in child JVMs against the same broker: the physical limit of one producer
 * here. Its producer settings are those a Connect worker gives a source task's producer (Worker.baseProducerConfigs
 * in 4.3.1: acks=all, max.in.flight.requests.per.connection=1, idempotence off), its record size IncrementSource's.
 */
public final class ProducerPerformanceLoad implements Load {

    public static final String MAIN_CLASS = "org.apache.kafka.tools.ProducerPerformance";
    /** More than any window can send: the process is stopped, it does not run out. */
    private static final String NUM_RECORDS = "1000000000";
    private static final String HEAP = "256m";

    private final LocalConnectCluster cluster;
    private final List<String> topics;
    private final int recordBytes;
    private final int partitionsPerTopic;
    private final List<ManagedProcess> processes = new ArrayList<>();

    /**
     * {@code producers} processes, each to its own topic of {@code partitionsPerTopic} partitions (as many as one
     * IncrementSource task writes to), with {@code recordBytes}-byte values and no key.
     */
    public ProducerPerformanceLoad(LocalConnectCluster cluster, String name, int producers, int partitionsPerTopic,
                                   int recordBytes) {
        if (recordBytes < 1 || partitionsPerTopic < 1) {
            throw new IllegalArgumentException("recordBytes and partitionsPerTopic must be 1 or more, were "
                    + recordBytes + " and " + partitionsPerTopic);
        }
        this.cluster = cluster;
        this.topics = IntStream.range(0, producers).mapToObj(i -> name + "-" + i).toList();
        this.recordBytes = recordBytes;
        this.partitionsPerTopic = partitionsPerTopic;
    }

    @Override
    public String label() {
        return "ProducerPerformance";
    }

    @Override
    public int parallelism() {
        return topics.size();
    }

    @Override
    public List<String> topics() {
        return topics;
    }

    public List<String> arguments(String topic) {
        return List.of("--topic", topic, "--num-records", NUM_RECORDS, "--record-size", Integer.toString(recordBytes),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + cluster.bootstrapServers(),
                "acks=all", "max.in.flight.requests.per.connection=1", "enable.idempotence=false");
    }

    @Override
    public void start() {
        try (Admin admin = cluster.broker().admin()) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, partitionsPerTopic, (short) 1)).toList())
                    .all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating " + topics, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create the ProducerPerformance topics " + topics, e);
        }
        var logDir = cluster.settings().logDir();
        for (String topic : topics) {
            processes.add(ManagedProcess.start(new JvmSpec("producer-perf-" + topic, MAIN_CLASS, arguments(topic),
                    HEAP, Log4jConfig.writeTo(logDir), logDir.resolve("producer-perf-" + topic + ".log"), List.of()),
                    cluster.runtime()));
        }
    }

    @Override
    public void stop() {
        List<ManagedProcess> ended = processes.stream().filter(p -> !p.isAlive()).toList();
        processes.forEach(ManagedProcess::signalStop);
        processes.forEach(ManagedProcess::awaitEnd);
        processes.clear();
        if (!ended.isEmpty()) {
            throw new IllegalStateException(ended + " ended before being stopped, so the figure is not a limit; see "
                    + ended.get(0).logFile());
        }
    }
}
