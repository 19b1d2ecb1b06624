package com.example.increment.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.example.increment.connect.ConnectRestException;
import com.example.increment.connect.ConnectorStatus;
import com.example.increment.connect.IncrementConnector;
import com.example.increment.local.process.ManagedProcess;
import com.example.increment.support.Waits;
import com.example.increment.verify.SequenceReport;
import com.example.increment.verify.SequenceVerifier;
import com.example.increment.verify.VerificationReport;

/**
 * A distributed cluster against real processes: a broker and two workers running the connector.
 * One cluster for the class (starting one costs ~25 s); the tests run in order and the last one restarts it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("local-cluster") // starts Kafka processes: `make unit` leaves it out
class LocalClusterTest {

    private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(60);
    /** Records per sequence a killed worker may replay: an offset flush interval (60 s) and the stop's wait, at 10/s. */
    private static final long REPLAY_BOUND = 10 * (60 + ManagedProcess.STOP_TIMEOUT.toSeconds());
    private static final List<Long> PIDS = new ArrayList<>();
    private static LocalConnectCluster cluster;

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure(() -> cluster == null ? List.of() : cluster.logFiles());

    @BeforeAll
    static void startCluster() {
        // A short rebalance delay, so a killed worker's task is reassigned within the test's patience.
        cluster = new LocalConnectCluster(LocalClusterSettings.ephemeral("local-cluster-test", 2).withWorkerOverrides(
                Map.of(WorkerConfigs.SCHEDULED_REBALANCE_MAX_DELAY_MS, "10000")));
        cluster.start(); // assigned first, so that a failed start still shows its logs
        rememberPids();
        cluster.putConnector(IncrementConnector.NAME, IncrementConnector.config(2));
        cluster.awaitRunning(IncrementConnector.NAME, 2);
        System.out.println(cluster.describeProcesses());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            System.out.println(cluster.describeProcesses());
            cluster.close();
            NoProcessLeftBehind.check(PIDS);
        }
    }

    @Test
    @Order(1)
    void recordsFlowIntoBothSequencesWithTheLabsValuesKeysThreadsAndHostname() throws Exception {
        VerificationReport report = awaitRecords(Map.of("seq_1", 20L, "seq_100", 20L));

        SequenceReport one = report.sequence("seq_1");
        SequenceReport hundred = report.sequence("seq_100");
        assertThat(one.records()).extracting(r -> r.value()).startsWith(1L, 2L, 3L, 4L, 5L);
        assertThat(hundred.records()).extracting(r -> r.value()).startsWith(100L, 200L, 300L, 400L, 500L);
        assertThat(one.keys()).containsExactly("1");
        assertThat(hundred.keys()).containsExactly("100");
        assertThat(report.hasGaps()).as(report.render()).isFalse();
        assertThat(report.totalDuplicates()).as(report.render()).isZero();
        // tasks.max=2 puts each sequence in its own task, so its own thread. Thread ids are numbered per JVM, so
        // they tell two tasks apart only when both run on one worker.
        assertThat(one.threadIds()).hasSize(1);
        assertThat(hundred.threadIds()).hasSize(1);
        if (cluster.awaitRunning(IncrementConnector.NAME, 2).tasksByWorker().size() == 1) {
            assertThat(hundred.threadIds()).doesNotContainAnyElementsOf(one.threadIds());
        }
        String hostname = InetAddress.getLocalHost().getHostName();
        assertThat(one.hostnames()).containsExactly(hostname);
        assertThat(hundred.hostnames()).containsExactly(hostname);
    }

    @Test
    @Order(2)
    void tasksAreSpreadOverBothWorkersAndOneOfThemLeads() {
        ConnectorStatus status = cluster.awaitRunning(IncrementConnector.NAME, 2);
        assertThat(status.tasksByWorker().keySet()).as(status.toString()).isSubsetOf(cluster.workers());
        assertThat(cluster.leader()).as("leader from the workers' leaderUrl").get().isIn(cluster.workers());
        // Both workers answer status (the two curl commands of the docs), and agree.
        for (String worker : cluster.workers()) {
            assertThat(cluster.rest(worker).status(IncrementConnector.NAME).tasks()).hasSize(2);
        }
    }

    @Test
    @Order(3)
    void badConfigsAreRejectedWithFieldLevelMessagesAndDisturbNothing() {
        long before = cluster.rest().connectors().size();
        // The bad inputs the connector issue lists, each as (field, value).
        List<Map.Entry<String, String>> badConfigs = List.of(
                Map.entry("increments", ""),
                Map.entry("increments", "a,b"),
                Map.entry("increments", "0"),
                Map.entry("increments", "1,1"),
                Map.entry("increments", "99999999999999999999"),
                Map.entry("topic.prefix", "seq/"),
                Map.entry("topic.prefix", "my seq_"),
                Map.entry("topic.prefix", "p".repeat(247)));
        int i = 0;
        for (Map.Entry<String, String> bad : badConfigs) {
            String field = bad.getKey();
            Map<String, String> config = new HashMap<>(IncrementConnector.config(2));
            config.put(field, bad.getValue());
            String name = "bad-" + i++;

            Map<String, String> named = new HashMap<>(config);
            named.put("name", name);
            Map<String, List<String>> errors = cluster.rest().validate(IncrementConnector.CLASS, named);
            assertThat(errors).as("validate errors for %s=%s", field, bad.getValue()).containsOnlyKeys(field);
            String message = errors.get(field).get(0);
            assertThat(message).as("error names the field's value").isNotBlank();

            assertThatThrownBy(() -> cluster.putConnector(name, config))
                    .isInstanceOf(ConnectRestException.class)
                    .satisfies(e -> assertThat(((ConnectRestException) e).status()).isEqualTo(400))
                    .hasMessageContaining(message);
        }
        assertThat(cluster.rest().connectors()).hasSize((int) before).contains(IncrementConnector.NAME);
        // The running connector is undisturbed: still RUNNING and still advancing.
        cluster.awaitRunning(IncrementConnector.NAME, 2);
        VerificationReport now = verify();
        awaitRecords(Map.of("seq_1", now.sequence("seq_1").maxPosition() + 10,
                "seq_100", now.sequence("seq_100").maxPosition() + 10));
    }

    @Test
    @Order(4)
    void aStoppedAndRestartedClusterContinuesEverySequenceWithoutGapOrDuplicate() {
        int killedBefore = cluster.stopsKilledAfterGracePeriod().size();
        cluster.stopAll();
        List<String> hung = cluster.stopsKilledAfterGracePeriod().subList(killedBefore,
                cluster.stopsKilledAfterGracePeriod().size());
        Instant restartedAt = Instant.now();
        cluster.startAll();
        rememberPids();
        cluster.awaitRunning(IncrementConnector.NAME, 2);
        System.out.println("restarted: " + cluster.describeProcesses());

        VerificationReport after = Waits.waitFor("20 new records in each sequence after the restart", FLOW_TIMEOUT,
                LocalClusterTest::verify, r -> r.sequences().values().stream().allMatch(s -> s.records().stream()
                        .filter(rec -> rec.timestamp().isAfter(restartedAt)).count() >= 20));
        System.out.println(after.render());
        assertThat(after.hasGaps()).as(after.render()).isFalse();
        if (hung.isEmpty()) {
            assertThat(after.totalDuplicates()).as("a graceful stop commits offsets: " + after.render()).isZero();
        } else {
            // Connect 4.3.1's shutdown hook can hang (the worker keeps running, REST down, until it is killed at the
            // end of its grace period). Then this was a kill, and a kill replays what followed the last commit.
            System.out.println("Connect hung in its shutdown hook and was killed: " + hung);
            assertThat(after.sequences().values()).as("a kill replays at most what followed the last offset commit")
                    .allSatisfy(seq -> assertThat(seq.duplicateCount()).isLessThanOrEqualTo(REPLAY_BOUND));
        }
        // The restart shows in the data as one pause per sequence, spanning the restart.
        after.sequences().values().forEach(s -> assertThat(s.pauseAround(restartedAt, Duration.ofSeconds(3)))
                .as("pause around the restart in " + s.topic()).isPresent());
    }

    @Test
    @Order(5)
    void aKilledFollowerComesBackUnderTheSameNameAndNoValueIsLost() {
        String leader = cluster.leader().orElseThrow();
        String follower = cluster.workers().stream().filter(w -> !w.equals(leader)).findFirst().orElseThrow();
        cluster.killWorker(follower);
        assertThat(cluster.worker(follower).isRunning()).isFalse();
        Instant restartedAt = Instant.now();
        cluster.restartWorker(follower);
        rememberPids();

        assertThat(cluster.workers()).contains(follower);
        assertThat(cluster.worker(follower).lastAssignment()).as("the restarted worker joined the group").isPresent();
        assertThat(cluster.rest(follower).connectors()).contains(IncrementConnector.NAME);
        assertThat(cluster.leader()).get().isIn(cluster.workers());
        // With the test's short rebalance delay the follower's task runs again, and the data has no gap.
        VerificationReport after = Waits.waitFor("10 new records in each sequence after the kill", FLOW_TIMEOUT,
                LocalClusterTest::verify, r -> r.sequences().values().stream().allMatch(s -> s.records().stream()
                        .filter(rec -> rec.timestamp().isAfter(restartedAt)).count() >= 10));
        assertThat(after.hasGaps()).as(after.render()).isFalse();
    }

    /** Waits until each sequence has reached at least the given position, and returns the report that showed it. */
    private static VerificationReport awaitRecords(Map<String, Long> minPositions) {
        return Waits.waitFor("sequences to reach positions " + minPositions, FLOW_TIMEOUT, LocalClusterTest::verify,
                r -> minPositions.entrySet().stream().allMatch(e -> r.sequences().containsKey(e.getKey())
                        && r.sequence(e.getKey()).maxPosition() >= e.getValue()));
    }

    private static VerificationReport verify() {
        return new SequenceVerifier(cluster.bootstrapServers(), IncrementConnector.TOPIC_PREFIX, false).verify();
    }

    private static void rememberPids() {
        if (cluster.broker().isRunning()) {
            PIDS.add(cluster.broker().process().pid());
        }
        cluster.runningWorkers().forEach(w -> w.process().ifPresent(p -> PIDS.add(p.pid())));
    }
}
