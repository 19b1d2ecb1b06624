package com.example.increment.registry.run;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.example.increment.registry.ConfluentAvroDecoder;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The terminal view of {@code make run FORMAT=avro}: every sequence topic read from the beginning and decoded
 * through the registry, redrawn about once a second with the latest value per sequence; with {@code printRecords}
 * each record as the lab prints it, {@code {"threadId":..,"hostname":..,"value":..}}.
 */
final class AvroLiveView {

    private static final Duration REDRAW = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final String topicPrefix;
    private final boolean printRecords;
    private final ConfluentAvroDecoder decoder;
    private final Supplier<String> header;
    private final PrintStream out;
    private final Map<String, Map<String, Object>> latest = new TreeMap<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    AvroLiveView(String bootstrapServers, String topicPrefix, boolean printRecords, ConfluentAvroDecoder decoder,
                 Supplier<String> header, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.topicPrefix = topicPrefix;
        this.printRecords = printRecords;
        this.decoder = decoder;
        this.header = header;
        this.out = out;
    }

    /** The lab's JSON rendering of a decoded value: its fields in schema order. */
    static String labJson(GenericRecord value) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        value.getSchema().getFields().forEach(f -> {
            Object v = value.get(f.name());
            fields.put(f.name(), v instanceof CharSequence s ? s.toString() : v);
        });
        return JSON.writeValueAsString(fields);
    }

    void run() {
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
                    GenericRecord value = decoder.decode(r.value(), r.topic() + "-" + r.partition() + "@" + r.offset());
                    counts.merge(r.topic(), 1L, Long::sum);
                    if (printRecords) {
                        out.println(labJson(value));
                    } else {
                        latest.put(r.topic(), JSON.readValue(labJson(value), Map.class));
                    }
                }
                if (!printRecords && !Instant.now().isBefore(nextDraw)) {
                    draw();
                    nextDraw = Instant.now().plus(REDRAW);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer: the cluster is shutting down
        } catch (Exception e) {
            throw new IllegalStateException("Live view: " + e.getMessage(), e);
        }
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void draw() {
        StringBuilder sb = new StringBuilder("\033[H\033[2J"); // cursor home, clear screen
        sb.append(header.get()).append('\n');
        sb.append(String.format("%-10s %10s  %s%n", "sequence", "records", "latest value (decoded from Avro)"));
        if (latest.isEmpty()) {
            sb.append("(no " + topicPrefix + "* topic yet)\n");
        }
        latest.forEach((topic, value) -> {
            try {
                sb.append(String.format("%-10s %10d  %s%n", topic, counts.get(topic), JSON.writeValueAsString(value)));
            } catch (Exception e) {
                sb.append(topic).append(' ').append(value).append('\n');
            }
        });
        out.print(sb);
        out.flush();
    }

    private Properties consumerConfig() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "increment-avro-live-view-" + ProcessHandle.current().pid());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "2000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
