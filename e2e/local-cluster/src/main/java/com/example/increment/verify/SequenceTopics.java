package com.example.increment.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The one Kafka reader of sequence topics: lists the {@code <prefix>*} topics, assigns all their partitions, reads
 * them from the beginning and turns each record into a {@link SequenceRecord} through a {@link ValueDecoder}. Either
 * up to the end offsets at the time of the call ({@link #readToEnd}: what the verifier judges) or continuously until
 * {@link #stop()} ({@link #follow}: the live view, which also picks up sequence topics created meanwhile). Each
 * offset is handed on once. The consumer configuration is here and nowhere else.
 */
public final class SequenceTopics {

    /** How long {@link #readToEnd} may take to reach the end offsets. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(120);
    /** How long listing the topics may take when reading to the end. */
    static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);
    /** How often {@link #follow} looks for new sequence topics and partitions, and how long it waits for a listing. */
    static final Duration NEW_TOPICS_EVERY = Duration.ofSeconds(2);
    private static final Duration READ_POLL = Duration.ofMillis(500);
    /** {@link #follow} returns control this often at least, so its caller can redraw. */
    private static final Duration FOLLOW_POLL = Duration.ofMillis(200);

    private final String topicPrefix;
    private final ValueDecoder decoder;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Duration listEvery;
    private volatile boolean stopped;
    private volatile Consumer<String, byte[]> following;

    /**
     * @param readCommitted read with {@code isolation.level=read_committed}: what an exactly-once reader sees
     * @param decoder       how values are read: {@link ValueDecoder#json()}, or Avro through the schema registry
     */
    public SequenceTopics(String bootstrapServers, String topicPrefix, boolean readCommitted, ValueDecoder decoder) {
        this(bootstrapServers, topicPrefix, readCommitted, decoder, new Properties());
    }

    /**
     * @param clientConfig client settings added to the consumer's, e.g. TLS or SASL from a {@code --command-config}
     *                     file (security.protocol, ssl.*, sasl.*); the reader's own settings win
     */
    public SequenceTopics(String bootstrapServers, String topicPrefix, boolean readCommitted, ValueDecoder decoder,
                          Properties clientConfig) {
        this(topicPrefix, decoder, () -> new KafkaConsumer<>(withClientConfig(clientConfig,
                consumerConfig(bootstrapServers, readCommitted))), NEW_TOPICS_EVERY);
    }

    /** The client settings, then the reader's own over them. */
    static Properties withClientConfig(Properties clientConfig, Properties own) {
        Properties all = new Properties();
        all.putAll(clientConfig);
        all.putAll(own);
        return all;
    }

    /**
     * @param consumers a new consumer per read, configured as {@link #consumerConfig} says (a mock in tests)
     * @param listEvery how often {@link #follow} lists the topics again
     */
    SequenceTopics(String topicPrefix, ValueDecoder decoder, Supplier<Consumer<String, byte[]>> consumers,
                   Duration listEvery) {
        this.topicPrefix = topicPrefix;
        this.decoder = decoder;
        this.consumers = consumers;
        this.listEvery = listEvery;
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    /**
     * Every record of every {@code <prefix>*} topic up to each partition's end offset at the time of the call, by
     * topic (an empty topic maps to an empty list), in log order per partition; {@code onRecord} sees each as it is
     * read.
     *
     * @throws IllegalStateException when the end offsets are not reached within {@link #READ_TIMEOUT}, or a value
     *                               is not a sequence value (naming the record)
     */
    public Map<String, List<SequenceRecord>> readToEnd(java.util.function.Consumer<SequenceRecord> onRecord) {
        Map<String, List<SequenceRecord>> byTopic = new TreeMap<>();
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            Map<String, List<TopicPartition>> topics = sequencePartitions(topicPrefix,
                    consumer.listTopics(LIST_TIMEOUT));
            topics.keySet().forEach(topic -> byTopic.put(topic, new ArrayList<>()));
            List<TopicPartition> partitions = topics.values().stream().flatMap(List::stream).toList();
            if (partitions.isEmpty()) {
                return byTopic;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            OnceEach once = new OnceEach();
            while (!end.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Reading the sequence topics did not reach their end offsets"
                            + " within " + READ_TIMEOUT.toSeconds() + " s; still to read: " + end);
                }
                poll(consumer, READ_POLL, once, r -> {
                    byTopic.get(r.topic()).add(r);
                    onRecord.accept(r);
                });
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return byTopic;
    }

    /**
     * Reads every {@code <prefix>*} topic from the beginning and goes on reading until {@link #stop()}, looking for
     * new sequence topics every {@link #NEW_TOPICS_EVERY}. Hands each record to {@code onRecord} once, and runs
     * {@code afterPoll} after every poll (at least every 200 ms, records or not).
     */
    public void follow(java.util.function.Consumer<SequenceRecord> onRecord, Runnable afterPoll) {
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            following = consumer;
            Set<TopicPartition> assigned = new LinkedHashSet<>();
            OnceEach once = new OnceEach();
            Instant nextListing = Instant.MIN;
            while (!stopped) {
                if (!Instant.now().isBefore(nextListing)) {
                    reassign(consumer, assigned);
                    nextListing = Instant.now().plus(listEvery);
                }
                if (assigned.isEmpty()) {
                    pause(FOLLOW_POLL);
                } else {
                    poll(consumer, FOLLOW_POLL, once, onRecord);
                }
                afterPoll.run();
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up
        } finally {
            following = null;
        }
    }

    /** Ends {@link #follow} from another thread (e.g. a shutdown hook); a follow that starts later returns at once. */
    public void stop() {
        stopped = true;
        Consumer<String, byte[]> c = following;
        if (c != null) {
            c.wakeup();
        }
    }

    /** The consumer every read uses: no group and nothing committed, read from the beginning. */
    static Properties consumerConfig(String bootstrapServers, boolean readCommitted) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A partition assigned without a seek (one that appears while following) starts at its beginning too.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return p;
    }

    /** The partitions of the topics whose names start with {@code prefix}, by topic name, in partition order. */
    static Map<String, List<TopicPartition>> sequencePartitions(String prefix,
                                                               Map<String, List<PartitionInfo>> topics) {
        Map<String, List<TopicPartition>> partitions = new TreeMap<>();
        topics.forEach((topic, infos) -> {
            if (topic.startsWith(prefix)) {
                partitions.put(topic, infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                        .sorted(Comparator.comparingInt(TopicPartition::partition)).toList());
            }
        });
        return partitions;
    }

    /**
     * Assigns what the sequence topics hold now: new partitions from their beginning, known ones where they are.
     * A listing that times out (the broker away for a moment) leaves the assignment as it is.
     */
    private void reassign(Consumer<String, byte[]> consumer, Set<TopicPartition> assigned) {
        List<TopicPartition> now;
        try {
            now = sequencePartitions(topicPrefix, consumer.listTopics(NEW_TOPICS_EVERY)).values().stream()
                    .flatMap(List::stream).toList();
        } catch (TimeoutException brokerAway) {
            return;
        }
        if (assigned.containsAll(now) && now.containsAll(assigned)) {
            return;
        }
        List<TopicPartition> added = now.stream().filter(tp -> !assigned.contains(tp)).toList();
        assigned.clear();
        assigned.addAll(now);
        consumer.assign(assigned);
        if (!added.isEmpty()) {
            consumer.seekToBeginning(added);
        }
    }

    private void poll(Consumer<String, byte[]> consumer, Duration timeout, OnceEach once,
                      java.util.function.Consumer<SequenceRecord> onRecord) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            if (once.first(r.topic(), r.partition(), r.offset())) {
                onRecord.accept(decoder.decode(r));
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /**
     * Lets each offset through once: a partition read again from its beginning (reassigned after it went missing
     * from a listing) shows and counts each record once.
     */
    static final class OnceEach {
        private final Map<TopicPartition, Long> next = new HashMap<>();

        boolean first(String topic, int partition, long offset) {
            TopicPartition tp = new TopicPartition(topic, partition);
            if (offset < next.getOrDefault(tp, 0L)) {
                return false;
            }
            next.put(tp, offset + 1);
            return true;
        }
    }
}
