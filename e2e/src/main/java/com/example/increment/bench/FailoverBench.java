package com.example.increment.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.increment.cluster.ConnectorStatus;
import com.example.increment.cluster.LabConnector;
import com.example.increment.cluster.LocalConnectCluster;
import com.example.increment.cluster.Waits;
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
    private static final Duration STEADY = Duration.ofSeconds(2);
    private static final Duration AFTER_RECOVERY = Duration.ofSeconds(1);

    private final LocalConnectCluster cluster;
    private final Duration dwell;

    /** {@code cluster} has two workers started with {@code scheduled.rebalance.max.delay.ms} = {@code dwell}. */
    public FailoverBench(LocalConnectCluster cluster, Duration dwell) {
        this.cluster = cluster;
        this.dwell = dwell;
    }

    public FailoverResult measure(Case failoverCase, int runs) throws Exception {
        List<Double> killed = new ArrayList<>();
        List<Double> other = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Map<String, Duration> stood = runOnce(failoverCase, "fo-d" + dwell.toSeconds() + "-"
                    + failoverCase.name().toLowerCase().replace('_', '-') + "-" + run);
            stood.forEach((topic, pause) -> (topic.startsWith("killed:") ? killed : other)
                    .add(pause.toMillis() / 1000.0));
        }
        return new FailoverResult(failoverCase, dwell, Stats.of(killed),
                other.isEmpty() ? new Stats(0, 0, 0, 0) : Stats.of(other));
    }

    /** One kill; returns per sequence ("killed:" or "other:" + topic) how long it stood still from the kill on. */
    private Map<String, Duration> runOnce(Case failoverCase, String name) throws Exception {
        String prefix = name + "-";
        Map<String, String> config = new LinkedHashMap<>(LabConnector.config(2));
        config.put("topic.prefix", prefix);
        config.put("records.per.second", Integer.toString(RATE));
        cluster.putConnector(name, config);
        ConnectorStatus placed = Waits.waitFor("connector " + name + " with one task RUNNING on each worker",
                BALANCE_TIMEOUT, () -> cluster.status(name), s -> s.running() && s.tasks().size() == 2
                        && s.tasksByWorker().size() == 2);
        SequenceVerifier verifier = new SequenceVerifier(cluster.bootstrapServers(), prefix, false);
        long steadyRecords = RATE * STEADY.toSeconds();
        Waits.waitFor("both sequences of " + name + " to have " + steadyRecords + " records", BALANCE_TIMEOUT,
                () -> verifier.verify(), r -> r.sequences().size() == 2
                        && r.sequences().values().stream().allMatch(s -> s.count() >= steadyRecords));

        String leader = cluster.leader().orElseThrow(() -> new IllegalStateException("No worker logged a leader"));
        String victim = failoverCase == Case.LEADER_KILL ? leader
                : cluster.workers().stream().filter(w -> !w.equals(leader)).findFirst().orElseThrow();
        Set<String> victimTopics = topicsOn(name, prefix, placed, victim);

        Instant kill = Instant.now();
        cluster.killWorker(victim);
        System.out.printf("    %s: killed %s (%s), leader was %s%n", failoverCase.description(), victim,
                victimTopics, leader);
        if (failoverCase == Case.KILL_AND_RESTART) {
            ThroughputBench.pause(RESTART_AFTER); // the case itself: the worker comes back this much later
            cluster.restartWorker(victim);
        }
        Set<String> live = new HashSet<>(cluster.runningWorkers().stream().map(w -> w.name()).toList());
        Waits.waitFor("both tasks of " + name + " RUNNING on live workers " + live, RECOVERY_TIMEOUT,
                () -> cluster.status(name), s -> s.running() && s.tasks().size() == 2
                        && s.tasks().stream().allMatch(t -> live.contains(t.workerId())));
        Instant recovered = Instant.now().plus(AFTER_RECOVERY);
        VerificationReport report = Waits.waitFor("both sequences of " + name + " to have records after "
                + recovered, RECOVERY_TIMEOUT, () -> verifier.verify(), r -> r.sequences().values().stream()
                        .allMatch(s -> s.records().stream().anyMatch(rec -> rec.timestamp().isAfter(recovered))));

        Map<String, Duration> stood = new LinkedHashMap<>();
        for (SequenceReport s : report.sequences().values()) {
            stood.put((victimTopics.contains(s.topic()) ? "killed:" : "other:") + s.topic(), stoodStill(s, kill));
        }
        System.out.printf("      stood still: %s%n", stood);
        cluster.deleteConnector(name);
        if (!cluster.worker(victim).isRunning()) {
            cluster.restartWorker(victim); // the next case starts from two workers again
        }
        return stood;
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
