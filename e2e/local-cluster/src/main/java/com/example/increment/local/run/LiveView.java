package com.example.increment.local.run;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.example.increment.verify.SequenceRecord;
import com.example.increment.verify.SequenceTopics;
import com.example.increment.verify.ValueDecoder;

/**
 * The terminal view of {@code make run} (JSON) and {@code make run FORMAT=avro} (any {@link ValueDecoder}): every
 * sequence topic followed from the beginning ({@link SequenceTopics#follow}), redrawn about once a second with the
 * latest value and rate per sequence under a header (cluster, tasks, leader, URLs). With {@code printRecords} it
 * prints each record instead, as a console consumer prints the default JSON:
 * {@code {"threadId":..,"hostname":..,"value":..}}.
 */
public final class LiveView {

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

    private final SequenceTopics topics;
    private final String topicPrefix;
    private final boolean printRecords;
    private final Supplier<String> header;
    private final PrintStream out;
    private final Map<String, Stats> stats = new TreeMap<>();
    private Instant nextDraw = Instant.MIN;

    public LiveView(String bootstrapServers, String topicPrefix, boolean printRecords, ValueDecoder decoder,
                    Supplier<String> header, PrintStream out) {
        this.topics = new SequenceTopics(bootstrapServers, topicPrefix, false, decoder);
        this.topicPrefix = topicPrefix;
        this.printRecords = printRecords;
        this.header = header;
        this.out = out;
    }

    /** Runs until {@link #stop()}. */
    public void run() {
        topics.follow(this::show, this::drawWhenDue);
    }

    /** Ends {@link #run()}: the cluster is shutting down. */
    public void stop() {
        topics.stop();
    }

    private void show(SequenceRecord record) {
        stats.computeIfAbsent(record.topic(), t -> new Stats()).add(record);
        if (printRecords) {
            out.println(record.asJson());
        }
    }

    private void drawWhenDue() {
        if (!printRecords && !Instant.now().isBefore(nextDraw)) {
            draw();
            nextDraw = Instant.now().plus(REDRAW);
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
}
