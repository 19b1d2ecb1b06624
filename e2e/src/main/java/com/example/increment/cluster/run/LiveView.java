package com.example.increment.cluster.run;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.example.increment.verify.SequenceRecord;
import com.example.increment.verify.SequenceVerifier;

/**
 * The terminal view of {@code make run}: every sequence topic read from the beginning, redrawn about once a
 * second with the latest value and rate per sequence under a header (cluster, tasks, leader, URLs). With
 * {@code printRecords} it prints each record instead, as the lab's console consumer does.
 */
final class LiveView {

    private static final Duration RATE_WINDOW = Duration.ofSeconds(5);
    private static final Duration REDRAW = Duration.ofSeconds(1);

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
    private final Supplier<String> header;
    private final PrintStream out;
    private final Map<String, Stats> stats = new TreeMap<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;

    LiveView(String bootstrapServers, String topicPrefix, boolean printRecords, Supplier<String> header, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.topicPrefix = topicPrefix;
        this.printRecords = printRecords;
        this.header = header;
        this.out = out;
    }

    /** Runs until {@link #stop()}. */
    void run() {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerConfig())) {
            consumer = c;
            c.subscribe(Pattern.compile(Pattern.quote(topicPrefix) + ".*"));
            Instant nextDraw = Instant.now();
            while (running) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    stats.computeIfAbsent(r.topic(), t -> new Stats()).add(SequenceVerifier.parse(r));
                    if (printRecords) {
                        out.println(r.value());
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

    void stop() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
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
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }
}
