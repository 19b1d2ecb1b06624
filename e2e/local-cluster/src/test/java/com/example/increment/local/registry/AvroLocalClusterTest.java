package com.example.increment.local.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.example.increment.connect.ConnectorStatus;
import com.example.increment.connect.IncrementConnector;
import com.example.increment.local.ClusterLogsOnFailure;
import com.example.increment.local.LocalClusterSettings;
import com.example.increment.local.LocalConnectCluster;
import com.example.increment.local.NoProcessLeftBehind;
import com.example.increment.local.WorkerConfigs;
import com.example.increment.support.Waits;
import com.example.increment.verify.AvroValueDecoder;
import com.example.increment.verify.CcompatClient;
import com.example.increment.verify.SequenceReport;
import com.example.increment.verify.SequenceVerifier;
import com.example.increment.verify.VerificationReport;

/**
 * The Avro format against real processes: Apicurio Registry, a broker and two distributed workers whose value
 * converter is Apicurio's AvroConverter. One cluster for the class; the tests run in order: records flow and the
 * schema is registered, a follower is killed, then the registry goes away and comes back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("local-cluster") // starts Kafka processes: `make unit` leaves it out
class AvroLocalClusterTest {

    private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(60);
    /** Session timeout (10 s) + this rebalance delay: the killed follower's tasks move within ~20 s. */
    private static final String REBALANCE_DELAY_MS = "5000";
    /** Offsets are committed this often, so a crash replays at most ~this much of each sequence. */
    private static final Duration OFFSET_FLUSH = Duration.ofSeconds(5);
    private static final long RECORDS_PER_SECOND = 10;
    /** How long the converter trusts its cached schema id; short, so a registry outage shows within seconds. */
    private static final String SCHEMA_CHECK_PERIOD_MS = "3000";
    private static final Duration TASK_FAILED_TIMEOUT = Duration.ofSeconds(60);
    private static final List<Long> PIDS = new ArrayList<>();
    private static AvroLocalCluster avro;

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure(() -> avro == null ? List.of() : avro.logFiles());

    @BeforeAll
    static void startCluster() {
        avro = AvroLocalCluster.onFreePorts(LocalClusterSettings.ephemeral("avro-cluster-test", 2)
                .withWorkerOverrides(Map.of(WorkerConfigs.SCHEDULED_REBALANCE_MAX_DELAY_MS, REBALANCE_DELAY_MS,
                        WorkerConfigs.OFFSET_FLUSH_INTERVAL_MS, Long.toString(OFFSET_FLUSH.toMillis()))));
        avro.start();
        rememberPids();
        Map<String, String> config = avro.avroConnectorConfig(IncrementConnector.config(2));
        config.put("value.converter.apicurio.registry.check-period-ms", SCHEMA_CHECK_PERIOD_MS);
        cluster().putConnector(IncrementConnector.NAME, config);
        cluster().awaitRunning(IncrementConnector.NAME, 2);
        System.out.println(avro.describeProcesses());
    }

    @AfterAll
    static void stopCluster() {
        if (avro != null) {
            System.out.println(avro.describeProcesses());
            avro.close();
            NoProcessLeftBehind.check(PIDS);
        }
    }

    @Test
    @Order(1)
    void avroRecordsFlowAndDecodeThroughTheRegistryIntoTheLabsContinuousSequences() throws Exception {
        VerificationReport report = awaitPositions(Map.of("seq_1", 20L, "seq_100", 20L));

        SequenceReport one = report.sequence("seq_1");
        SequenceReport hundred = report.sequence("seq_100");
        assertThat(one.records()).extracting(r -> r.value()).startsWith(1L, 2L, 3L, 4L, 5L);
        assertThat(hundred.records()).extracting(r -> r.value()).startsWith(100L, 200L, 300L, 400L, 500L);
        assertThat(one.keys()).containsExactly("1");
        assertThat(report.hasGaps()).as(report.render()).isFalse();
        assertThat(report.totalDuplicates()).as(report.render()).isZero();
        assertThat(one.hostnames()).containsExactly(InetAddress.getLocalHost().getHostName());
        assertThat(one.threadIds()).hasSize(1);
        assertThat(hundred.threadIds()).hasSize(1);
        if (cluster().awaitRunning(IncrementConnector.NAME, 2).tasksByWorker().size() == 1) {
            // Thread ids are numbered per JVM: they tell the two tasks apart only on one worker.
            assertThat(one.threadIds()).doesNotContainAnyElementsOf(hundred.threadIds());
        }
    }

    @Test
    @Order(2)
    void theValueSchemaIsRegisteredUnderEachTopicsValueSubjectAndReadableThroughTheConfluentApi() {
        CcompatClient ccompat = avro.ccompat();
        assertThat(ccompat.subjects()).contains("seq_1-value", "seq_100-value");
        for (String subject : List.of("seq_1-value", "seq_100-value")) {
            CcompatClient.SubjectVersion latest = ccompat.latest(subject);
            System.out.println(subject + " version " + latest.version() + " id " + latest.id() + ": " + latest.schema());
            Schema schema = new Schema.Parser().parse(latest.schema());
            assertThat(schema.getFullName()).isEqualTo("com.example.increment.Increment");
            assertThat(schema.getFields()).extracting(Schema.Field::name)
                    .containsExactly("threadId", "hostname", "value");
            assertThat(schema.getField("threadId").schema().getType()).isEqualTo(Schema.Type.LONG);
            assertThat(schema.getField("hostname").schema().getType()).isEqualTo(Schema.Type.STRING);
            assertThat(schema.getField("value").schema().getType()).isEqualTo(Schema.Type.LONG);
            // Connect's field docs travel as the Avro property connect.doc (Apicurio's AvroData, like Confluent's).
            assertThat(schema.getFields()).allSatisfy(f -> assertThat(f.schema().getProp("connect.doc"))
                    .as("connect.doc of " + f.name()).isNotBlank());
            assertThat(schema.getProp("connect.doc")).isNotBlank();
            // The id in the records is the one the Confluent API serves (the verifier above decoded through it).
            assertThat(new Schema.Parser().parse(ccompat.schemaById(latest.id()))).isEqualTo(schema);
        }
    }

    @Test
    @Order(3)
    void aKilledFollowersSequenceResumesOnTheOtherWorkerWithoutAGap() {
        LocalConnectCluster cluster = cluster();
        String leader = cluster.leader().orElseThrow(() -> new AssertionError("no leader in the workers' logs"));
        String follower = cluster.workers().stream().filter(w -> !w.equals(leader)).findFirst().orElseThrow();
        Instant killedAt = Instant.now();
        cluster.killWorker(follower);

        ConnectorStatus moved = Waits.waitFor("both tasks RUNNING on the leader " + leader,
                LocalConnectCluster.CONNECTOR_RUNNING_TIMEOUT, () -> cluster.status(IncrementConnector.NAME),
                s -> s.running() && s.tasksByWorker().keySet().equals(java.util.Set.of(leader)));
        System.out.println("after killing " + follower + ": " + moved);
        VerificationReport after = awaitRecordsAfter(killedAt, 20);
        System.out.println(after.render());
        assertThat(after.hasGaps()).as(after.render()).isFalse();
        // At-least-once: what followed the last offset flush is written again, nothing more (loose bound).
        long replayBound = RECORDS_PER_SECOND * OFFSET_FLUSH.plusSeconds(5).toSeconds();
        after.sequences().values().forEach(seq -> assertThat(seq.duplicateCount()).as("duplicates in " + seq.topic())
                .isLessThanOrEqualTo(replayBound));
        cluster.restartWorker(follower);
        rememberPids();
    }

    @Test
    @Order(4)
    void anUnreachableRegistryFailsTheTaskNamingUrlAndSubjectAndTheSequenceResumesWithoutAGapWhenItIsBack() {
        LocalConnectCluster cluster = cluster();
        ApicurioRegistry registry = avro.registry();
        registry.stop();

        ConnectorStatus failed = Waits.waitFor("a task FAILED while the registry " + registry.url() + " is down",
                TASK_FAILED_TIMEOUT, () -> cluster.status(IncrementConnector.NAME),
                s -> s.tasks().stream().anyMatch(t -> "FAILED".equals(t.state())));
        ConnectorStatus.TaskStatus task = failed.tasks().stream().filter(t -> "FAILED".equals(t.state()))
                .findFirst().orElseThrow();
        System.out.println("failed task " + task.id() + " trace:\n" + task.trace());
        assertThat(task.trace()).as("the failed task's message names the registry URL")
                .contains("127.0.0.1:" + registry.port());
        assertThat(task.trace()).as("the failed task's message names the subject").containsPattern("seq_(1|100)-value");

        registry.start();
        rememberPids();
        Instant backAt = Instant.now();
        // Restart what failed, also a task that failed only while the registry was coming back.
        Waits.waitFor("both tasks RUNNING again once failed ones are restarted", LocalConnectCluster.CONNECTOR_RUNNING_TIMEOUT,
                () -> {
                    ConnectorStatus s = cluster.status(IncrementConnector.NAME);
                    if (s.tasks().stream().anyMatch(t -> "FAILED".equals(t.state()))) {
                        cluster.rest().restartFailed(IncrementConnector.NAME); // a refusal (409) is retried by the wait
                    }
                    return s;
                }, s -> s.running() && s.tasks().size() == 2);
        VerificationReport after = awaitRecordsAfter(backAt, 20);
        System.out.println(after.render());
        assertThat(after.hasGaps()).as("no record lost or skipped across the outage: " + after.render()).isFalse();
    }

    private static VerificationReport awaitRecordsAfter(Instant since, int count) {
        return Waits.waitFor(count + " new records in each sequence after " + since, FLOW_TIMEOUT,
                AvroLocalClusterTest::verify, r -> r.sequences().values().stream().allMatch(s -> s.records().stream()
                        .filter(rec -> rec.timestamp().isAfter(since)).count() >= count));
    }

    private static VerificationReport awaitPositions(Map<String, Long> minPositions) {
        return Waits.waitFor("sequences to reach positions " + minPositions, FLOW_TIMEOUT, AvroLocalClusterTest::verify,
                r -> minPositions.entrySet().stream().allMatch(e -> r.sequences().containsKey(e.getKey())
                        && r.sequence(e.getKey()).maxPosition() >= e.getValue()));
    }

    private static VerificationReport verify() {
        return new SequenceVerifier(cluster().bootstrapServers(), IncrementConnector.TOPIC_PREFIX, false,
                new AvroValueDecoder(avro.registry().ccompatUrl())).verify();
    }

    private static LocalConnectCluster cluster() {
        return avro.cluster();
    }

    private static void rememberPids() {
        LocalConnectCluster cluster = cluster();
        if (cluster.broker().isRunning()) {
            PIDS.add(cluster.broker().process().pid());
        }
        cluster.runningWorkers().forEach(w -> w.process().ifPresent(p -> PIDS.add(p.pid())));
        if (avro.registry().isRunning()) {
            PIDS.add(avro.registry().process().pid());
        }
    }
}
