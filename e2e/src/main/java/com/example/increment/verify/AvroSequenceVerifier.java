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

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.example.increment.registry.CcompatClient;
import com.example.increment.registry.ConfluentAvroDecoder;

/**
 * The sequence verifier for Avro topics: reads every {@code <prefix>*} topic up to its end at the time of the call,
 * decodes each value through the schema registry, and judges the records exactly as {@link SequenceVerifier} does
 * for JSON ({@link SequenceVerifier#judge}), so every continuity check holds in both formats.
 */
public final class AvroSequenceVerifier {

    private final String bootstrapServers;
    private final String topicPrefix;
    private final boolean readCommitted;
    private final ConfluentAvroDecoder decoder;

    /** @param ccompatUrl the registry's Confluent-compatible API, e.g. {@code http://127.0.0.1:8080/apis/ccompat/v7} */
    public AvroSequenceVerifier(String bootstrapServers, String topicPrefix, boolean readCommitted, String ccompatUrl) {
        this.bootstrapServers = bootstrapServers;
        this.topicPrefix = topicPrefix;
        this.readCommitted = readCommitted;
        this.decoder = new ConfluentAvroDecoder(new CcompatClient(ccompatUrl));
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
            Instant deadline = Instant.now().plus(SequenceVerifier.READ_TIMEOUT);
            while (!end.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Reading the Avro sequence topics did not reach their end offsets "
                            + "within " + SequenceVerifier.READ_TIMEOUT.toSeconds() + " s; still to read: " + end);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    SequenceRecord record = parse(r);
                    byTopic.get(r.topic()).add(record);
                    onRecord.accept(record);
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return SequenceVerifier.judge(topicPrefix, byTopic);
    }

    /** Decodes a value of schema {@code com.example.increment.Increment} {threadId, hostname, value}. */
    public SequenceRecord parse(ConsumerRecord<String, byte[]> r) {
        String where = "Record " + r.topic() + "-" + r.partition() + "@" + r.offset();
        GenericRecord v = decoder.decode(r.value(), where);
        if (v.getSchema().getField("value") == null) {
            throw new IllegalStateException(where + " has schema " + v.getSchema().getFullName()
                    + " without a \"value\" field; expected {threadId, hostname, value}");
        }
        return new SequenceRecord(r.topic(), r.partition(), r.offset(), r.key(), ((Number) v.get("value")).longValue(),
                v.get("threadId") instanceof Number n ? n.longValue() : 0L, String.valueOf(v.get("hostname")),
                Instant.ofEpochMilli(r.timestamp()));
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
