package com.example.increment.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every {@code <prefix>*} topic from the beginning up to its end at the time of the call and reports, per
 * sequence, records, first and last value, gaps, duplicates and pauses. The data is the judge (DESIGN.md). Values
 * are JSON by default; another {@link ValueDecoder} (Avro through the registry) reads other formats the same way.
 */
public final class SequenceVerifier {

    public static final Duration READ_TIMEOUT = Duration.ofSeconds(120);

    private final String bootstrapServers;
    private final String topicPrefix;
    private final boolean readCommitted;
    private final ValueDecoder decoder;

    /**
     * A verifier of JSON values (the lab's default converter).
     *
     * @param readCommitted read with {@code isolation.level=read_committed}: what an exactly-once reader sees
     */
    public SequenceVerifier(String bootstrapServers, String topicPrefix, boolean readCommitted) {
        this(bootstrapServers, topicPrefix, readCommitted, ValueDecoder.json());
    }

    /** @param decoder how values are read, e.g. Avro through the schema registry */
    public SequenceVerifier(String bootstrapServers, String topicPrefix, boolean readCommitted, ValueDecoder decoder) {
        this.bootstrapServers = bootstrapServers;
        this.topicPrefix = topicPrefix;
        this.readCommitted = readCommitted;
        this.decoder = decoder;
    }

    public VerificationReport verify() {
        return verify(r -> { });
    }

    /** As {@link #verify()}, handing every record read to {@code onRecord} in log order (to print them). */
    public VerificationReport verify(Consumer<SequenceRecord> onRecord) {
        Map<String, List<SequenceRecord>> byTopic = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Map.Entry<String, List<PartitionInfo>> e : consumer.listTopics(Duration.ofSeconds(30)).entrySet()) {
                if (e.getKey().startsWith(topicPrefix)) {
                    byTopic.put(e.getKey(), new ArrayList<>());
                    e.getValue().forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (!end.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Reading the sequence topics did not reach their end offsets within "
                            + READ_TIMEOUT.toSeconds() + " s; still to read: " + end);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    SequenceRecord record = decoder.decode(r);
                    byTopic.get(r.topic()).add(record);
                    onRecord.accept(record);
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return judge(topicPrefix, byTopic);
    }

    /** A report from records at hand (no Kafka), e.g. collected by a scenario. */
    public static VerificationReport judge(String topicPrefix, Map<String, List<SequenceRecord>> byTopic) {
        Map<String, SequenceReport> reports = new TreeMap<>();
        byTopic.forEach((topic, records) -> reports.put(topic,
                new SequenceReport(topic, new SequenceVerifier("", topicPrefix, false).step(topic, records), records)));
        return new VerificationReport(reports);
    }

    /** Parses a JSON record value {@code {"threadId":..,"hostname":..,"value":..}}. */
    public static SequenceRecord parse(ConsumerRecord<String, String> r) {
        return JsonValueDecoder.parse(r.topic(), r.partition(), r.offset(), r.key(), r.timestamp(), r.value());
    }

    /** The increment N: from the topic name ({@code seq_100}), else the key, else the smallest value. */
    long step(String topic, List<SequenceRecord> records) {
        String suffix = topic.substring(Math.min(topicPrefix.length(), topic.length()));
        try {
            return Long.parseLong(suffix);
        } catch (NumberFormatException notInName) {
            try {
                return Long.parseLong(records.isEmpty() ? "" : records.get(0).key());
            } catch (NumberFormatException notInKey) {
                return records.stream().mapToLong(SequenceRecord::value).filter(v -> v != 0)
                        .min().orElse(1);
            }
        }
    }

    private Properties consumerConfig() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return p;
    }
}
