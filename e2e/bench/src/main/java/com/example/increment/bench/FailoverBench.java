package com.example.increment.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

import com.example.increment.connect.ConnectorStatus;
import com.example.increment.connect.IncrementConnector;
import com.example.increment.local.LocalConnectCluster;
import com.example.increment.support.Waits;
import com.example.increment.verify.SequenceRecord;
import com.example.increment.verify.SequenceReport;
import com.example.increment.verify.SequenceVerifier;
import com.example.increment.verify.VerificationReport;

/**
 * Kills a Connect worker under a running connector (one task per worker) and measures, from the records' own
 * timestamps, how long each sequence stood still. {@code /status} is no judge: it says RUNNING on a dead worker
 * until a new owner writes (DESIGN.md).
 */
public final class FailoverBench {

    public enum Case {
        FOLLOWER_KILL("follower killed (SIGKILL)"),
        LEADER_KILL("leader killed (SIGKILL)"),
        KILL_AND_RESTART("follower killed, restarted 2 s later");

        private final String description;

        Case(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** A task's share of increments (IncrementSourceConfig.TASK_INCREMENTS_CONFIG; the connector is not on this classpath). */
    static final String TASK_INCREMENTS_CONFIG = "task.increments";
    /** Records per second per sequence: a pause shows to the 10 ms. */
    static final int RATE = 100;
    static final Duration RESTART_AFTER = Duration.ofSeconds(2);
    private static final Duration BALANCE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(180);
    /**
     * Records of both sequences before the kill, as in earlier runs: it also sets where the kill falls against the
     * workers' 3 s heartbeats (counted from the rebalance that placed the tasks), which moves a pause by up to one.
     */
    private static final Duration STEADY = Duration.ofSeconds(2);
    /**
     * How far past the killed sequence's first new record every sequence is read: the killed one's pause is complete
     * once it resumed, and the other one is seen through the rebalance that handed the lost task over.
     */
    static final Duration AFTER_RESUME = Duration.ofMillis(500);

    private final LocalConnectCluster cluster;
    private final Duration dwell;

    /** {@code cluster} has two workers started with {@code scheduled.rebalance.max.delay.ms} = {@code dwell}. */
    public FailoverBench(LocalConnectCluster cluster, Duration dwell) {
        this.cluster = cluster;
        this.dwell = dwell;
    }

    /**
     * Runs the cases in order, each {@code runs} times. A killed worker is started again only when another kill
     * follows on this cluster (a worker start is the slowest step between cases); the last case may leave it dead.
     */
    public List<FailoverResult> measure(List<Case> cases, int runs) throws Exception {
        List<FailoverResult> results = new ArrayList<>();
        for (int c = 0; c < cases.size(); c++) {
            Case failoverCase = cases.get(c);
            List<Double> killed = new ArrayList<>();
            List<Double> other = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                boolean anotherFollows = run < runs - 1 || c < cases.size() - 1;
                Map<String, Duration> stood = runOnce(failoverCase, "fo-d" + dwell.toSeconds() + "-"
                        + failoverCase.name().toLowerCase().replace('_', '-') + "-" + run, anotherFollows);
                stood.forEach((topic, pause) -> (topic.startsWith("killed:") ? killed : other)
                        .add(pause.toMillis() / 1000.0));
            }
            results.add(new FailoverResult(failoverCase, dwell, Stats.of(killed),
                    other.isEmpty() ? new Stats(0, 0, 0, 0) : Stats.of(other)));
        }
        return results;
    }

    /** One kill; returns per sequence ("killed:" or "other:" + topic) how long it stood still from the kill on. */
    private Map<String, Duration> runOnce(Case failoverCase, String name, boolean anotherFollows) throws Exception {
        PhaseClock clock = new PhaseClock();
        String prefix = name + "-";
        Map<String, String> config = new LinkedHashMap<>(IncrementConnector.config(2));
        config.put("topic.prefix", prefix);
        config.put("records.per.second", Integer.toString(RATE));
        cluster.putConnector(name, config);
        ConnectorStatus placed = Waits.waitFor("connector " + name + " with one task RUNNING on each worker",
                BALANCE_TIMEOUT, () -> cluster.status(name), s -> s.running() && s.tasks().size() == 2
                        && s.tasksByWorker().size() == 2);
        SequenceVerifier verifier = new SequenceVerifier(cluster.bootstrapServers(), prefix, false);
        long steadyRecords = RATE * STEADY.toMillis() / 1000;
        Waits.waitFor("both sequences of " + name + " to have " + steadyRecords + " records", BALANCE_TIMEOUT,
                () -> verifier.verify(), r -> r.sequences().size() == 2
                        && r.sequences().values().stream().allMatch(s -> s.count() >= steadyRecords));

        String leader = cluster.leader().orElseThrow(() -> new IllegalStateException("No worker logged a leader"));
        String victim = failoverCase == Case.LEADER_KILL ? leader
                : cluster.workers().stream().filter(w -> !w.equals(leader)).findFirst().orElseThrow();
        Set<String> victimTopics = topicsOn(name, prefix, placed, victim);
        clock.lap("placement and steady records");

        VerificationReport report;
        Instant kill;
        try (LandedRecords landed = new LandedRecords(cluster.bootstrapServers())) {
            List<TopicPartition> victimPartitions = landed.partitions(victimTopics);
            kill = Instant.now();
            cluster.killWorker(victim);
            Instant dead = Instant.now(); // killWorker returns once the process is gone: later records are a new owner's
            Map<TopicPartition, Long> endAtDeath = landed.endOffsets(victimPartitions);
            System.out.printf("    D = %d s, %s: killed %s (%s), leader was %s%n", dwell.toSeconds(),
                    failoverCase.description(), victim, victimTopics, leader);
            if (failoverCase == Case.KILL_AND_RESTART) {
                ThroughputBench.pause(RESTART_AFTER); // the case itself: the worker comes back this much later
                cluster.restartWorker(victim);
            }
            // Through the pause only end offsets are polled: reading every sequence from its start each time would
            // load the broker and this JVM while the other lanes' pauses are being measured.
            Waits.waitFor("the sequences " + victimTopics + " of " + name + " to grow again", RECOVERY_TIMEOUT,
                    () -> landed.endOffsets(victimPartitions), end -> end.entrySet().stream()
                            .allMatch(e -> e.getValue() > endAtDeath.get(e.getKey())));
            report = Waits.waitFor("the sequences " + victimTopics + " of " + name + " to resume and every "
                    + "sequence to run " + AFTER_RESUME.toMillis() + " ms past that", RECOVERY_TIMEOUT,
                    () -> verifier.verify(), r -> resumed(r.sequences().values(), victimTopics, dead, AFTER_RESUME));
        }
        clock.lap("kill to resumed");

        Map<String, Duration> stood = new LinkedHashMap<>();
        for (SequenceReport s : report.sequences().values()) {
            stood.put((victimTopics.contains(s.topic()) ? "killed:" : "other:") + s.topic(), stoodStill(s, kill));
        }
        cluster.deleteConnector(name);
        if (anotherFollows && !cluster.worker(victim).isRunning()) {
            cluster.restartWorker(victim); // the next case starts from two workers again
            clock.lap("worker restart");
        }
        System.out.printf("      D = %d s, %s: stood still %s; %s%n", dwell.toSeconds(), failoverCase.description(),
                stood, clock);
        return stood;
    }

    /**
     * True once every sequence in {@code killedTopics} has a record stamped after {@code dead} (a new owner's: the
     * killed worker cannot write any more) and every sequence has one {@code margin} past the latest such first
     * record: the killed sequences' pauses are over and the other sequences are seen through the hand-over.
     */
    static boolean resumed(Collection<SequenceReport> sequences, Set<String> killedTopics, Instant dead,
                           Duration margin) {
        Instant latestResume = Instant.MIN;
        for (String topic : killedTopics) {
            Optional<Instant> first = sequences.stream().filter(s -> s.topic().equals(topic))
                    .flatMap(s -> s.records().stream()).map(SequenceRecord::timestamp).filter(t -> t.isAfter(dead))
                    .min(Comparator.naturalOrder());
            if (first.isEmpty()) {
                return false;
            }
            latestResume = first.get().isAfter(latestResume) ? first.get() : latestResume;
        }
        Instant until = latestResume.plus(margin);
        return sequences.stream().allMatch(s -> s.records().stream().anyMatch(r -> !r.timestamp().isBefore(until)));
    }

    /** The longest time between consecutive records of the sequence that ends after the kill. */
    static Duration stoodStill(SequenceReport sequence, Instant kill) {
        List<Instant> times = sequence.records().stream().map(SequenceRecord::timestamp).sorted().toList();
        Duration longest = Duration.ZERO;
        for (int i = 1; i < times.size(); i++) {
            if (times.get(i).isAfter(kill)) {
                Duration gap = Duration.between(times.get(i - 1), times.get(i));
                longest = gap.compareTo(longest) > 0 ? gap : longest;
            }
        }
        return longest;
    }

    /** The topics of the sequences whose task the status places on {@code worker} (from the task configs). */
    private Set<String> topicsOn(String name, String prefix, ConnectorStatus status, String worker) {
        Map<Integer, Map<String, String>> taskConfigs = cluster.rest().taskConfigs(name);
        Set<String> topics = new HashSet<>();
        for (ConnectorStatus.TaskStatus task : status.tasks()) {
            if (task.workerId().equals(worker)) {
                String increments = taskConfigs.getOrDefault(task.id(), Map.of()).get(TASK_INCREMENTS_CONFIG);
                if (increments == null) {
                    throw new IllegalStateException("Task " + task.id() + " of " + name + " has no "
                            + TASK_INCREMENTS_CONFIG + " in its config: " + taskConfigs.get(task.id()));
                }
                for (String n : increments.split(",")) {
                    topics.add(prefix + n.strip());
                }
            }
        }
        return topics;
    }
}
