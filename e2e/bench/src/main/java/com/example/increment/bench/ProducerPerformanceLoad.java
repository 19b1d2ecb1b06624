package com.example.increment.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import com.example.increment.local.LocalConnectCluster;
import com.example.increment.local.process.JvmSpec;
import com.example.increment.local.process.Log4jConfig;
import com.example.increment.local.process.ManagedProcess;

/**
 * Kafka's {@code ProducerPerformance} in child JVMs against the same broker, at IncrementSource's record size: with
 * a source task's producer settings, and tuned for throughput (the limit of one producer on this broker).
 */
public final class ProducerPerformanceLoad implements Load {

    /** The producer settings of a run. */
    public enum Settings {
        /** Those a Connect worker gives a source task's producer (Worker.baseProducerConfigs in 4.3.1). */
        CONNECT_TASK("ProducerPerformance, a source task's producer settings", "256m",
                List.of("acks=all", "max.in.flight.requests.per.connection=1", "enable.idempotence=false")),
        /**
         * Large batches that fill while the last one is in flight: the fastest one producer was measured here
         * (1.22 M records/s against 760k with 256 KiB and 20 ms). Its buffer needs the larger heap.
         */
        TUNED("ProducerPerformance, tuned (the limit)", "512m",
                List.of("batch.size=1048576", "linger.ms=50", "buffer.memory=134217728"));

        private final String label;
        private final String heap;
        private final List<String> producerProps;

        Settings(String label, String heap, List<String> producerProps) {
            this.label = label;
            this.heap = heap;
            this.producerProps = producerProps;
        }

        public String label() {
            return label;
        }

        public List<String> producerProps() {
            return producerProps;
        }
    }

    public static final String MAIN_CLASS = "org.apache.kafka.tools.ProducerPerformance";
    /** More than any window can send: the process is stopped, it does not run out. */
    private static final String NUM_RECORDS = "1000000000";

    private final LocalConnectCluster cluster;
    private final Settings settings;
    private final List<String> topics;
    private final int recordBytes;
    private final int partitionsPerTopic;
    private final List<ManagedProcess> processes = new ArrayList<>();

    /**
     * {@code producers} processes, each to its own topic of {@code partitionsPerTopic} partitions (as many as one
     * IncrementSource task writes to), with {@code recordBytes}-byte values and no key.
     */
    public ProducerPerformanceLoad(LocalConnectCluster cluster, Settings settings, String name, int producers,
                                   int partitionsPerTopic, int recordBytes) {
        if (recordBytes < 1 || partitionsPerTopic < 1) {
            throw new IllegalArgumentException("recordBytes and partitionsPerTopic must be 1 or more, were "
                    + recordBytes + " and " + partitionsPerTopic);
        }
        this.cluster = cluster;
        this.settings = settings;
        this.topics = IntStream.range(0, producers).mapToObj(i -> name + "-" + i).toList();
        this.recordBytes = recordBytes;
        this.partitionsPerTopic = partitionsPerTopic;
    }

    @Override
    public String label() {
        return settings.label();
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
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", NUM_RECORDS, "--record-size",
                Integer.toString(recordBytes), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + cluster.bootstrapServers()));
        args.addAll(settings.producerProps());
        return args;
    }

    @Override
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (int i = 0; i < processes.size(); i++) {
            pids.put("producer-" + (i + 1), processes.get(i).pid());
        }
        return pids;
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
                    settings.heap, Log4jConfig.writeTo(logDir), logDir.resolve("producer-perf-" + topic + ".log"),
                    List.of()),
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
