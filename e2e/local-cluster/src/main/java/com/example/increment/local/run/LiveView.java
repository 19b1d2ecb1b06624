package com.example.increment.local.run;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.example.increment.verify.SequenceRecord;
import com.example.increment.verify.ValueDecoder;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The terminal view of {@code make run} (JSON) and {@code make run FORMAT=avro} (any {@link ValueDecoder}): every
 * sequence topic read from the beginning, redrawn about once a second with the latest value and rate per sequence
 * under a header (cluster, tasks, leader, URLs). With {@code printRecords} it prints each record instead, as the
 * lab's console consumer does: {@code {"threadId":..,"hostname":..,"value":..}}.
 */
public final class LiveView {

    private static final Duration RATE_WINDOW = Duration.ofSeconds(5);
    private static final Duration REDRAW = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the view knows about one sequence. */
    private static final class Stats {
        long records;
        SequenceRecord latest;
        final Deque<Instant> recent = new ArrayDeque<>();

        void add(SequenceRecord r) {
            records++;
            if (latest == null || r.value() > latest.value() || r.timestamp().isAfter(latest.timestamp())) {
                latest = r;
            }
            recent.addLast(r.timestamp());
        }

        double rate(Instant now) {
            while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(RATE_WINDOW))) {
                recent.removeFirst();
            }
            return recent.size() / (double) RATE_WINDOW.toSeconds();
        }
    }

    private final String bootstrapServers;
    private final String topicPrefix;
    private final boolean printRecords;
    private final ValueDecoder decoder;
    private final Supplier<String> header;
    private final PrintStream out;
    private final Map<String, Stats> stats = new TreeMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public LiveView(String bootstrapServers, String topicPrefix, boolean printRecords, ValueDecoder decoder,
                    Supplier<String> header, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.topicPrefix = topicPrefix;
        this.printRecords = printRecords;
        this.decoder = decoder;
        this.header = header;
        this.out = out;
    }

    /** Runs until {@link #stop()}. */
    public void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig())) {
            consumer = c;
            c.subscribe(Pattern.compile(Pattern.quote(topicPrefix) + ".*"));
            Instant nextDraw = Instant.now();
            while (running) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    // A new sequence topic rebalances the subscription, and with nothing committed the others are
                    // read again from the start: show and count each offset once.
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < next.getOrDefault(tp, 0L)) {
                        continue;
                    }
                    next.put(tp, r.offset() + 1);
                    SequenceRecord record = decoder.decode(r);
                    stats.computeIfAbsent(r.topic(), t -> new Stats()).add(record);
                    if (printRecords) {
                        out.println(labJson(record));
                    }
                }
                if (!printRecords && !Instant.now().isBefore(nextDraw)) {
                    draw();
                    nextDraw = Instant.now().plus(REDRAW);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer: the cluster is shutting down
        }
    }

    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** As the lab prints a record, whatever the format on the wire. */
    static String labJson(SequenceRecord r) {
        return JSON.createObjectNode().put("threadId", r.threadId()).put("hostname", r.hostname())
                .put("value", r.value()).toString();
    }

    private void draw() {
        StringBuilder sb = new StringBuilder("\033[H\033[2J"); // cursor home, clear screen
        sb.append(header.get()).append('\n');
        sb.append(String.format("%-10s %14s %10s %8s %10s  %s%n", "sequence", "latest value", "records", "rate/s",
                "threadId", "hostname"));
        Instant now = Instant.now();
        if (stats.isEmpty()) {
            sb.append("(no " + topicPrefix + "* topic yet)\n");
        }
        stats.forEach((topic, s) -> sb.append(String.format("%-10s %14d %10d %8.1f %10d  %s%n", topic,
                s.latest.value(), s.records, s.rate(now), s.latest.threadId(), s.latest.hostname())));
        out.print(sb);
        out.flush();
    }

    private Properties consumerConfig() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "increment-live-view-" + ProcessHandle.current().pid());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Find a new sequence topic within seconds, not the default five minutes.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "2000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
