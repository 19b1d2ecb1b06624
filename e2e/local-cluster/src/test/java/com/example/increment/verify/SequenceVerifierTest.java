package com.example.increment.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.example.increment.local.ClusterLogsOnFailure;
import com.example.increment.local.KafkaBroker;
import com.example.increment.local.LocalClusterSettings;
import com.example.increment.local.NoProcessLeftBehind;
import com.example.increment.local.process.KafkaRuntime;
import com.example.increment.support.Waits;

/** The verifier (and the reader under it) against hand-made topics on a real broker, each with a known defect. */
@Tag("local-cluster") // starts Kafka processes: `make unit` leaves it out
class SequenceVerifierTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static KafkaBroker broker;

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure(
            () -> broker == null ? List.of() : List.of(broker.process().logFile()));

    @BeforeAll
    static void startBrokerAndWriteTopics() throws Exception {
        LocalClusterSettings s = LocalClusterSettings.ephemeral("verifier-test", 0);
        broker = new KafkaBroker(s.dataDir(), s.logDir(), s.brokerPort(), s.controllerPort(), "256m",
                KafkaRuntime.locate());
        broker.start();
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            // ok_2: 2, 4, 6, 8, 10 at 100 ms intervals: nothing wrong.
            for (int p = 1; p <= 5; p++) {
                send(producer, "ok_2", 2L * p, 100L * p);
            }
            // gap_5: 5, 10, 15, 25, 30: 20 is missing.
            long t = 0;
            for (long v : new long[] {5, 10, 15, 25, 30}) {
                send(producer, "gap_5", v, t += 100);
            }
            // dup_7: 7, 14, 14, 21: 14 twice (an at-least-once replay).
            t = 0;
            for (long v : new long[] {7, 14, 14, 21}) {
                send(producer, "dup_7", v, t += 100);
            }
            // pause_3: 3, 6 then 9 after 5 s of silence.
            send(producer, "pause_3", 3, 0);
            send(producer, "pause_3", 6, 100);
            send(producer, "pause_3", 9, 5100);
        }
        // txn_4: 4 committed, 8 aborted, 8 committed: read_committed sees no duplicate, read_uncommitted does.
        try (KafkaProducer<String, String> tx = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "verifier-test"))) {
            tx.initTransactions();
            tx.beginTransaction();
            send(tx, "txn_4", 4, 0);
            tx.commitTransaction();
            tx.beginTransaction();
            send(tx, "txn_4", 8, 100);
            tx.flush();
            tx.abortTransaction();
            tx.beginTransaction();
            send(tx, "txn_4", 8, 200);
            tx.commitTransaction();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            long pid = broker.process().pid();
            broker.stop();
            NoProcessLeftBehind.check(List.of(pid));
        }
    }

    @Test
    void aCleanSequenceHasNoGapNoDuplicateAndItsFirstAndLastValues() {
        SequenceReport ok = verify("ok_", false).sequence("ok_2");
        assertThat(ok.step()).isEqualTo(2);
        assertThat(ok.count()).isEqualTo(5);
        assertThat(ok.firstValue()).contains(2L);
        assertThat(ok.lastValue()).contains(10L);
        assertThat(ok.gaps()).isEmpty();
        assertThat(ok.duplicates()).isEmpty();
        assertThat(ok.longestPause()).get().extracting(SequenceReport.Pause::length).isEqualTo(Duration.ofMillis(100));
        assertThat(ok.keys()).containsExactly("2");
        assertThat(ok.threadIds()).containsExactly(42L);
        assertThat(ok.hostnames()).containsExactly("host-a");
    }

    @Test
    void aMissingValueIsAGap() {
        VerificationReport report = verify("gap_", false);
        SequenceReport gap = report.sequence("gap_5");
        assertThat(gap.gaps()).containsExactly(new SequenceReport.Gap(20, 20, 1));
        assertThat(gap.missingCount()).isEqualTo(1);
        assertThat(gap.duplicateCount()).isZero();
        assertThat(report.hasGaps()).isTrue();
        assertThat(report.render()).contains("missing: 20");
    }

    @Test
    void aRepeatedValueIsADuplicateNotAGap() {
        VerificationReport report = verify("dup_", false);
        SequenceReport dup = report.sequence("dup_7");
        assertThat(dup.duplicates()).containsExactly(new SequenceReport.Duplicate(14, 2));
        assertThat(dup.duplicateCount()).isEqualTo(1);
        assertThat(report.hasGaps()).isFalse();
    }

    @Test
    void theLongestPauseAndTheOutageWindowsComeFromRecordTimestamps() {
        SequenceReport pause = verify("pause_", false).sequence("pause_3");
        SequenceReport.Pause longest = pause.longestPause().orElseThrow();
        assertThat(longest.length()).isEqualTo(Duration.ofSeconds(5));
        assertThat(longest.from()).isEqualTo(T0.plusMillis(100));
        assertThat(pause.pauses(Duration.ofSeconds(1))).containsExactly(longest);
        assertThat(pause.pauseAround(T0.plusSeconds(2), Duration.ofSeconds(1))).contains(longest);
        assertThat(pause.gaps()).isEmpty();
    }

    @Test
    void readCommittedHidesAbortedRecords() {
        assertThat(verify("txn_", true).sequence("txn_4").duplicates()).isEmpty();
        assertThat(verify("txn_", false).sequence("txn_4").duplicates())
                .containsExactly(new SequenceReport.Duplicate(8, 2));
    }

    @Test
    void theCommandExitsNonZeroOnAGapOnly() {
        assertThat(command("--prefix", "gap_")).isEqualTo(VerifyCommand.GAPS);
        assertThat(command("--prefix", "dup_")).isEqualTo(VerifyCommand.OK);
        assertThat(command("--prefix", "nothing_here_")).isEqualTo(VerifyCommand.UNUSABLE);
        assertThat(command("--bogus")).isEqualTo(VerifyCommand.UNUSABLE);
    }

    @Test
    void theCommandPrintsRecordsAsAConsoleConsumerPrintsTheDefaultJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VerifyCommand.run(new String[] {"--bootstrap-server", broker.bootstrapServers(), "--prefix", "ok_", "--print"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("{\"threadId\":42,\"hostname\":\"host-a\",\"value\":2}\n");
    }

    @Test
    void followingReadsATopicCreatedMeanwhileFromItsBeginningUntilStopped() throws Exception {
        SequenceTopics topics = new SequenceTopics(broker.bootstrapServers(), "late_", false, ValueDecoder.json());
        List<SequenceRecord> seen = new CopyOnWriteArrayList<>();
        CountDownLatch polled = new CountDownLatch(1);
        Thread follower = new Thread(() -> topics.follow(seen::add, polled::countDown), "follow-late");
        follower.start();
        try {
            assertThat(polled.await(30, TimeUnit.SECONDS)).as("follow() returns control after a poll").isTrue();
            try (KafkaProducer<String, String> producer = producer(Map.of())) {
                send(producer, "late_3", 3, 0);
                send(producer, "late_3", 6, 100);
            }
            Waits.waitFor("both late_3 records", Duration.ofSeconds(30), () -> seen.size() >= 2);
            assertThat(seen).extracting(SequenceRecord::value).containsExactly(3L, 6L);
        } finally {
            topics.stop();
            follower.join(Duration.ofSeconds(10));
        }
        assertThat(follower.isAlive()).as("follow() ends on stop()").isFalse();
    }

    private static int command(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap-server";
        all[1] = broker.bootstrapServers();
        System.arraycopy(args, 0, all, 2, args.length);
        return VerifyCommand.run(all, System.out, System.err);
    }

    private static VerificationReport verify(String prefix, boolean readCommitted) {
        return new SequenceVerifier(broker.bootstrapServers(), prefix, readCommitted).verify();
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        config.putAll(extra);
        return new KafkaProducer<>(config);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, long value, long atMillis)
            throws Exception {
        String step = topic.substring(topic.indexOf('_') + 1);
        producer.send(new ProducerRecord<>(topic, null, T0.plusMillis(atMillis).toEpochMilli(), step,
                "{\"threadId\":42,\"hostname\":\"host-a\",\"value\":" + value + "}")).get();
    }
}
