package com.example.increment.verify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads every {@code <prefix>*} topic from the beginning up to its end at the time of the call ({@link SequenceTopics})
 * and reports, per sequence, records, first and last value, gaps, duplicates and pauses: the data is the judge.
 * Values are JSON by default; another {@link ValueDecoder} (Avro through the registry) reads other formats the same
 * way. Records read elsewhere (a console consumer in a broker pod, a scenario) are judged by {@link #judge}.
 */
public final class SequenceVerifier {

    public static final Duration READ_TIMEOUT = SequenceTopics.READ_TIMEOUT;

    private final SequenceTopics topics;

    /**
     * A verifier of JSON values (the default connector's converter).
     *
     * @param readCommitted read with {@code isolation.level=read_committed}: what an exactly-once reader sees
     */
    public SequenceVerifier(String bootstrapServers, String topicPrefix, boolean readCommitted) {
        this(bootstrapServers, topicPrefix, readCommitted, ValueDecoder.json());
    }

    /** @param decoder how values are read, e.g. Avro through the schema registry */
    public SequenceVerifier(String bootstrapServers, String topicPrefix, boolean readCommitted, ValueDecoder decoder) {
        this(bootstrapServers, topicPrefix, readCommitted, decoder, new java.util.Properties());
    }

    /** @param clientConfig TLS or SASL client settings (security.protocol, ssl.*, sasl.*) for a secured listener */
    public SequenceVerifier(String bootstrapServers, String topicPrefix, boolean readCommitted, ValueDecoder decoder,
                            java.util.Properties clientConfig) {
        this.topics = new SequenceTopics(bootstrapServers, topicPrefix, readCommitted, decoder, clientConfig);
    }

    public VerificationReport verify() {
        return verify(r -> { });
    }

    /** As {@link #verify()}, handing every record read to {@code onRecord} in log order (to print them). */
    public VerificationReport verify(Consumer<SequenceRecord> onRecord) {
        return judge(topics.topicPrefix(), topics.readToEnd(onRecord));
    }

    /** A report from records at hand (no Kafka), e.g. collected by a scenario or read in a broker pod. */
    public static VerificationReport judge(String topicPrefix, Map<String, List<SequenceRecord>> byTopic) {
        Map<String, SequenceReport> reports = new TreeMap<>();
        byTopic.forEach((topic, records) -> reports.put(topic,
                new SequenceReport(topic, step(topicPrefix, topic, records), records)));
        return new VerificationReport(reports);
    }

    /** Parses a JSON record value {@code {"threadId":..,"hostname":..,"value":..}} read as text. */
    public static SequenceRecord parse(ConsumerRecord<String, String> r) {
        return JsonValueDecoder.parse(r.topic(), r.partition(), r.offset(), r.key(), r.timestamp(), r.value());
    }

    /** The increment N: from the topic name ({@code seq_100}), else the key, else the smallest value. */
    static long step(String topicPrefix, String topic, List<SequenceRecord> records) {
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
}
