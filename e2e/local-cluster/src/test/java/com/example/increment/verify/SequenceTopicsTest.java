package com.example.increment.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The one reader of sequence topics, on Kafka's MockConsumer: what it lists, reads, hands on once, and stops. */
class SequenceTopicsTest {

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final Map<TopicPartition, Long> beginning = new HashMap<>();

    @Test
    void onlyTheTopicsWithThePrefixAreSequencesEachWithItsPartitionsInOrder() {
        Map<String, List<PartitionInfo>> topics = Map.of(
                "seq_2", List.of(info("seq_2", 1), info("seq_2", 0)),
                "seq_1", List.of(info("seq_1", 0)),
                "__consumer_offsets", List.of(info("__consumer_offsets", 0)),
                "other_seq_3", List.of(info("other_seq_3", 0)));

        assertThat(SequenceTopics.sequencePartitions("seq_", topics)).containsExactly(
                Map.entry("seq_1", List.of(tp("seq_1", 0))),
                Map.entry("seq_2", List.of(tp("seq_2", 0), tp("seq_2", 1))));
    }

    @Test
    void theConsumerReadsFromTheBeginningWithoutAGroupAndReadCommittedOnlyWhenAsked() {
        Properties committed = SequenceTopics.consumerConfig("127.0.0.1:9092", true);
        Properties uncommitted = SequenceTopics.consumerConfig("127.0.0.1:9092", false);

        assertThat(committed).containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
        assertThat(uncommitted).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    }

    @Test
    void eachOffsetGoesThroughOnce() {
        SequenceTopics.OnceEach once = new SequenceTopics.OnceEach();

        assertThat(once.first("seq_1", 0, 0)).isTrue();
        assertThat(once.first("seq_1", 0, 1)).isTrue();
        assertThat(once.first("seq_1", 1, 0)).as("another partition").isTrue();
        assertThat(once.first("seq_1", 0, 0)).as("read again from the beginning").isFalse();
        assertThat(once.first("seq_1", 0, 1)).isFalse();
        assertThat(once.first("seq_1", 0, 2)).isTrue();
    }

    @Test
    void readingToTheEndGivesEverySequenceTopicFromTheBeginningEvenAnEmptyOne() {
        topic("seq_1", 2);
        topic("seq_2", 1);
        topic("other", 1);
        consumer.updateEndOffsets(Map.of(tp("seq_1", 0), 2L, tp("seq_1", 1), 1L, tp("seq_2", 0), 0L,
                tp("other", 0), 5L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record("seq_1", 0, 0, 1));
            consumer.addRecord(record("seq_1", 1, 0, 2));
            consumer.addRecord(record("seq_1", 0, 1, 3));
        });
        List<SequenceRecord> seen = new ArrayList<>();

        Map<String, List<SequenceRecord>> byTopic = reader(Duration.ofSeconds(2)).readToEnd(seen::add);

        assertThat(byTopic).containsOnlyKeys("seq_1", "seq_2");
        assertThat(byTopic.get("seq_1")).extracting(SequenceRecord::partition, SequenceRecord::offset,
                        SequenceRecord::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(0, 0L, 1L),
                        org.assertj.core.groups.Tuple.tuple(0, 1L, 3L),
                        org.assertj.core.groups.Tuple.tuple(1, 0L, 2L));
        assertThat(byTopic.get("seq_1").stream().filter(r -> r.partition() == 0).map(SequenceRecord::value))
                .as("log order within a partition").containsExactly(1L, 3L);
        assertThat(byTopic.get("seq_2")).isEmpty();
        assertThat(seen).containsExactlyElementsOf(byTopic.get("seq_1"));
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void noSequenceTopicIsAnEmptyReadNotAnError() {
        topic("other", 1);

        assertThat(reader(Duration.ofSeconds(2)).readToEnd(r -> { })).isEmpty();
    }

    @Test
    void aValueThatIsNoSequenceValueFailsTheReadNamingTheRecord() {
        topic("seq_1", 1);
        consumer.updateEndOffsets(Map.of(tp("seq_1", 0), 1L));
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>("seq_1", 0, 0, "1",
                "{\"threadId\":1}".getBytes(StandardCharsets.UTF_8))));

        assertThatThrownBy(() -> reader(Duration.ofSeconds(2)).readToEnd(r -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("seq_1-0@0");
    }

    @Test
    void followingPicksUpANewTopicFromItsBeginningAndEndsOnStop() {
        topic("seq_1", 1);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record("seq_1", 0, 0, 1));
            consumer.addRecord(record("seq_1", 0, 1, 2));
        });
        consumer.schedulePollTask(() -> topic("seq_2", 1)); // created while the view runs
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record("seq_2", 0, 0, 2));
            consumer.addRecord(record("seq_1", 0, 2, 3));
        });
        SequenceTopics topics = reader(Duration.ZERO);
        List<String> seen = new ArrayList<>();
        int[] polls = {0};

        topics.follow(r -> seen.add(r.topic() + "=" + r.value()), () -> {
            if (++polls[0] == 4) {
                topics.stop();
            }
        });

        assertThat(seen).containsExactlyInAnyOrder("seq_1=1", "seq_1=2", "seq_2=2", "seq_1=3");
        assertThat(polls[0]).isEqualTo(4);
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aFollowStoppedBeforeItStartsReturnsAtOnce() {
        topic("seq_1", 1);
        SequenceTopics topics = reader(Duration.ZERO);
        topics.stop();

        topics.follow(r -> { }, () -> { });

        assertThat(consumer.closed()).isTrue();
    }

    private SequenceTopics reader(Duration listEvery) {
        return new SequenceTopics("seq_", ValueDecoder.json(), () -> consumer, listEvery);
    }

    private void topic(String name, int partitions) {
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(info(name, p));
            beginning.put(tp(name, p), 0L);
        }
        consumer.updatePartitions(name, infos);
        consumer.updateBeginningOffsets(Map.copyOf(beginning));
    }

    private static PartitionInfo info(String topic, int partition) {
        return new PartitionInfo(topic, partition, Node.noNode(), new Node[0], new Node[0]);
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    private static ConsumerRecord<String, byte[]> record(String topic, int partition, long offset, long value) {
        return new ConsumerRecord<>(topic, partition, offset, "1",
                ("{\"threadId\":1,\"hostname\":\"h\",\"value\":" + value + "}").getBytes(StandardCharsets.UTF_8));
    }
}
