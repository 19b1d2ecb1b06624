package com.example;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the sequences of the increments assigned to it, resuming each from its stored offset. Throttled, all of
 * its sequences advance together, one step every 1/records.per.second seconds; unthrottled, each poll advances
 * every sequence batch.size steps. Either way it holds back while max.unacknowledged.records of its records wait for
 * Kafka's acknowledgement (see {@link UnacknowledgedRecords}).
 */
public class IncrementSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(IncrementSourceTask.class);

    private final TaskTime time;
    private final Object monitor = new Object();
    private volatile boolean stopping;
    private volatile List<IncrementSequence> sequences = List.of();
    private volatile TaskMetrics metrics = TaskMetrics.NONE;
    private volatile UnacknowledgedRecords unacknowledged;
    private int batchSize;
    private long intervalNanos;
    private long nextStepNanos;

    /** As Connect makes it: paced by the system clock. */
    public IncrementSourceTask() {
        this(TaskTime.SYSTEM);
    }

    /** For tests: paced by a clock they advance themselves. */
    IncrementSourceTask(TaskTime time) {
        this.time = time;
        this.unacknowledged = new UnacknowledgedRecords(0, List.of(), time);
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        IncrementSourceTaskConfig config =
                IncrementSourceConnector.parse(IncrementSourceTaskConfig::new, props, "IncrementSourceTask");
        Map<Long, Long> positions = storedPositions(config.taskIncrements());
        List<IncrementSequence> started = new ArrayList<>();
        for (long increment : config.taskIncrements()) {
            started.add(new IncrementSequence(increment, config.topic(increment), positions.getOrDefault(increment, 0L)));
        }
        sequences = List.copyOf(started);
        unacknowledged = new UnacknowledgedRecords(config.unacknowledgedLimit(), sequences, time);
        batchSize = config.batchSize();
        intervalNanos = config.unthrottled() ? 0 : TimeUnit.SECONDS.toNanos(1) / config.recordsPerSecond();
        nextStepNanos = time.nanoTime();
        metrics = registerMetrics();
        log.info("Task started: (prefix: {}, increments {}, at most {} unacknowledged records), resuming {}",
                config.topicPrefix(), IncrementSourceConnector.join(config.taskIncrements()),
                unacknowledged.bounded() ? config.unacknowledgedLimit() : "any number of",
                sequences.stream().map(s -> s.topic() + " at position " + (s.position() + 1))
                        .collect(Collectors.joining(", ")));
    }

    /** Reads the offsets of all this task's sequences in one batch: the last position written, per increment. */
    private Map<Long, Long> storedPositions(List<Long> increments) {
        List<Map<String, Object>> partitions = increments.stream().map(IncrementOffsets::partition).toList();
        Map<Map<String, Object>, Map<String, Object>> stored = context.offsetStorageReader().offsets(partitions);
        Map<Long, Long> positions = new HashMap<>();
        if (stored != null) {
            stored.forEach((partition, offset) -> {
                if (partition != null && offset != null) {
                    positions.put(IncrementOffsets.increment(partition), IncrementOffsets.position(partition, offset));
                }
            });
        }
        return positions;
    }

    private TaskMetrics registerMetrics() {
        try {
            return PluginTaskMetrics.register(context, sequences, unacknowledged);
        } catch (LinkageError | UnsupportedOperationException e) {
            log.info("This Connect worker has no plugin metrics (Kafka 4.1+); the task runs without them: {}",
                    e.toString());
            return TaskMetrics.NONE;
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        // Room first, then the pace: a throttled task that waited for Kafka catches up like after any pause.
        if (!unacknowledged.awaitRoom()) {
            return null;
        }
        int steps = awaitSteps();
        if (steps == 0) {
            return null;
        }
        long threadId = Thread.currentThread().getId();
        String hostname = Host.NAME;
        List<SourceRecord> records = new ArrayList<>(steps * sequences.size());
        for (int step = 0; step < steps; step++) {
            long now = System.currentTimeMillis();
            for (IncrementSequence sequence : sequences) {
                records.add(sequence.next(threadId, hostname, now));
            }
        }
        metrics.recordsEmitted(records.size());
        return records;
    }

    /** Waits on the monitor until the next step is due or stop() is called; returns the steps to make now. */
    private int awaitSteps() throws InterruptedException {
        if (intervalNanos == 0) {
            return stopping ? 0 : batchSize;
        }
        synchronized (monitor) {
            long wait;
            while (!stopping && (wait = nextStepNanos - time.nanoTime()) > 0) {
                time.timedWait(monitor, wait);
            }
            if (stopping) {
                return 0;
            }
            long late = time.nanoTime() - nextStepNanos;
            long due = late / intervalNanos + 1;
            if (due > batchSize) {
                // Too far behind (a pause, a slow producer): make one batch and keep the pace from now on.
                nextStepNanos = time.nanoTime() + intervalNanos;
                return batchSize;
            }
            nextStepNanos += due * intervalNanos;
            return (int) due;
        }
    }

    /** Kafka acknowledged the record, or Connect dropped it (then metadata is null): either way it is done. */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        unacknowledged.acknowledged(record);
    }

    @Override
    public void stop() {
        synchronized (monitor) {
            stopping = true;
            monitor.notifyAll();
        }
        unacknowledged.close();
        metrics.close();
        metrics = TaskMetrics.NONE;
        log.info("Task stopping: {}", sequences.stream().map(s -> s.topic() + " at position " + s.position())
                .collect(Collectors.joining(", ")));
    }

    /** The worker's host name, looked up once: every record carries it. */
    private static final class Host {
        static final String NAME = lookup();

        private static String lookup() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException e) {
                String env = System.getenv("HOSTNAME");
                return env == null || env.isBlank() ? "unknown" : env;
            }
        }
    }
}
