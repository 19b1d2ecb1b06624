package com.example.increment.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.example.increment.connect.IncrementConnector;
import com.example.increment.support.Waits;
import com.example.increment.verify.SequenceRecord;
import com.example.increment.verify.SequenceVerifier;
import com.example.increment.verify.VerificationReport;

/** Standalone mode: tasks.max=1, Ctrl-C, rerun with tasks.max=2: the sequences continue. */
@Tag("local-cluster") // starts Kafka processes: `make unit` leaves it out
class LocalStandaloneTest {

    private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(60);
    private static final List<Long> PIDS = new ArrayList<>();
    private static LocalStandaloneConnect standalone;

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure(
            () -> standalone == null ? List.of() : standalone.logFiles());

    @AfterAll
    static void stop() {
        if (standalone != null) {
            standalone.close();
            NoProcessLeftBehind.check(PIDS);
        }
    }

    @Test
    void tasksMaxOneRunsBothSequencesInOneThreadAndARerunWithTwoContinuesInTwo() {
        standalone = new LocalStandaloneConnect(LocalClusterSettings.ephemeral("standalone-test", 1));
        standalone.start(1);
        rememberPids();
        VerificationReport first = awaitNewRecords(Instant.EPOCH, 20);
        Set<Long> firstThreads = threadsSince(first, Instant.EPOCH);
        assertThat(firstThreads).as("tasks.max=1: one task, one thread for both sequences").hasSize(1);

        boolean stoppedCleanly = standalone.stopWorker();
        Instant rerunAt = Instant.now();
        standalone.start(2);
        rememberPids();
        VerificationReport second = awaitNewRecords(rerunAt, 20);

        assertThat(second.hasGaps()).as(second.render()).isFalse();
        if (stoppedCleanly) {
            assertThat(second.totalDuplicates()).as("stopped gracefully, offsets in the file: " + second.render())
                    .isZero();
        } else { // Connect hung in its shutdown and was killed: a crash, which replays what followed the last flush
            System.out.println("Connect hung in its shutdown and was killed; duplicates allowed: " + second.render());
        }
        assertThat(threadIdsSince(second, "seq_1", rerunAt)).hasSize(1)
                .doesNotContainAnyElementsOf(threadIdsSince(second, "seq_100", rerunAt));
        assertThat(standalone.offsetsFile()).isNotEmptyFile();
    }

    private static VerificationReport awaitNewRecords(Instant since, long count) {
        return Waits.waitFor(count + " records per sequence since " + since, FLOW_TIMEOUT,
                () -> new SequenceVerifier(standalone.bootstrapServers(), IncrementConnector.TOPIC_PREFIX, false).verify(),
                r -> r.sequences().size() == 2 && r.sequences().values().stream().allMatch(
                        s -> s.records().stream().filter(rec -> rec.timestamp().isAfter(since)).count() >= count));
    }

    private static Set<Long> threadsSince(VerificationReport report, Instant since) {
        return report.sequences().keySet().stream().flatMap(t -> threadIdsSince(report, t, since).stream())
                .collect(Collectors.toSet());
    }

    private static Set<Long> threadIdsSince(VerificationReport report, String topic, Instant since) {
        return report.sequence(topic).records().stream().filter(r -> r.timestamp().isAfter(since))
                .map(SequenceRecord::threadId).collect(Collectors.toSet());
    }

    private static void rememberPids() {
        PIDS.add(standalone.broker().process().pid());
        standalone.worker().process().ifPresent(p -> PIDS.add(p.pid()));
    }
}
