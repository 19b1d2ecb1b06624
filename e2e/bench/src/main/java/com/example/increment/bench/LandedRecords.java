package com.example.increment.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What landed in Kafka: end offsets (cheap, exact without transactions), the records a {@code read_committed}
 * consumer sees in an offset range (exact with exactly-once, whose commit markers also take offsets), and the
 * average serialized size (key + value) of landed records.
 */
public final class LandedRecords implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(120);

    private final String bootstrapServers;
    private final Admin admin;

    public LandedRecords(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000));
    }

    /** Every partition of the topics; fails while one of them does not exist yet. */
    public List<TopicPartition> partitions(Collection<String> topics) throws ExecutionException, InterruptedException {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
        return described.values().stream().flatMap(d -> d.partitions().stream()
                .map(p -> new TopicPartition(d.name(), p.partition()))).toList();
    }

    /** The high watermark of each partition. */
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    public static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Committed records with offsets in [from, to) per partition, as an exactly-once reader counts them. */
    public long committedBetween(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> remaining = new HashMap<>(to);
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (!remaining.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Counting committed records did not reach offsets " + to
                            + " within " + READ_TIMEOUT.toSeconds() + " s; still to read: " + remaining);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Long end = to.get(new TopicPartition(r.topic(), r.partition()));
                    if (r.offset() < end) {
                        count++;
                    }
                }
                remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return count;
    }

    /** Mean serialized key + value size of up to {@code max} committed records of the partition from {@code offset}. */
    public double meanRecordBytes(TopicPartition partition, long offset, int max) {
        long bytes = 0;
        int seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (seen < max && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (seen < max) {
                        bytes += Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
                        seen++;
                    }
                }
            }
        }
        if (seen == 0) {
            throw new IllegalStateException("No record to measure in " + partition + " from offset " + offset);
        }
        return (double) bytes / seen;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        return new KafkaConsumer<>(p);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
