package com.example.increment.scenarios;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.example.increment.connect.ConnectCluster;
import com.example.increment.connect.ConnectorStatus;
import com.example.increment.connect.IncrementConnector;
import com.example.increment.scenarios.report.OutageAnalysis;
import com.example.increment.scenarios.report.ScenarioReport;
import com.example.increment.scenarios.report.ScenarioResult;
import com.example.increment.scenarios.report.SequenceOutcome;
import com.example.increment.scenarios.report.TimelineEvent;
import com.example.increment.support.Waits;
import com.example.increment.verify.SequenceReport;
import com.example.increment.verify.SequenceReport.Pause;
import com.example.increment.verify.VerificationReport;

/**
 * One scenario on any {@link ConnectCluster}: its own connector and topic prefix (so scenarios sharing a cluster
 * never see each other's data), the events it caused, and the data read back. t = 0 is {@link #start()}.
 */
public final class ScenarioRun {

    /** The default connector's sequences (1, 100) plus two more, so that two workers each run two tasks. */
    public static final List<Long> INCREMENTS = List.of(1L, 2L, 3L, 100L);
    public static final int RECORDS_PER_SECOND = 20;
    public static final Duration CONNECTOR_TIMEOUT = Duration.ofSeconds(90);
    /** How much flow after a disturbance counts as "back": a few seconds of records in every sequence. */
    public static final Duration FLOWING_AGAIN = Duration.ofSeconds(3);
    /**
     * Under exactly-once, how long the data may not be there before the run looks for transactions Kafka left open,
     * as an operator would (connector/README.md, "A transaction left open"): flow normally resumes within ~20 s of
     * a disturbance's end (BENCHMARKS.md, the operations matrix).
     */
    static final Duration HANGING_TRANSACTION_WATCH = Duration.ofSeconds(45);
    /** A transaction open from the same offset this long hangs: a live task of this connector commits every poll. */
    static final Duration HANGING_TRANSACTION_AGE = Duration.ofSeconds(30);

    /**
     * What a run's connector writes and what the run does around its disturbance: the suites run with
     * {@link #SUITES}; {@code make bench} measures pauses finer, with no report pages.
     *
     * @param increments          one sequence (topic) each; tasks.max = their number gives task i the i-th
     * @param recordsPerSecond    per sequence: a pause shows to 1/rate
     * @param baseline            flow before a disturbance; empty: an offset flush and 2 s more (a crash then replays
     *                            only what followed a flush)
     * @param writesReport        writes the report page and timeline and prints the summary
     * @param restartsLostWorkers restarts a worker the scenario lost when it ends; false leaves that to the caller
     */
    public record Settings(List<Long> increments, int recordsPerSecond, Optional<Duration> baseline,
                           boolean writesReport, boolean restartsLostWorkers) {

        public static final Settings SUITES = new Settings(INCREMENTS, RECORDS_PER_SECOND, Optional.empty(), true,
                true);

        public Settings {
            increments = List.copyOf(increments);
        }
    }

    private final ConnectCluster cluster;
    private final ClusterTiming timing;
    private final String id;
    private final String title;
    private final Settings settings;
    private final Instant start = Instant.now();
    private final List<TimelineEvent> events = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private final int stopsKilledBefore;

    public ScenarioRun(ConnectCluster cluster, ClusterTiming timing, String id, String title) {
        this(cluster, timing, id, title, Settings.SUITES);
    }

    public ScenarioRun(ConnectCluster cluster, ClusterTiming timing, String id, String title, Settings settings) {
        this.cluster = cluster;
        this.timing = timing;
        this.id = id;
        this.title = title;
        this.settings = settings;
        this.stopsKilledBefore = cluster.stopsKilledAfterGracePeriod().size();
    }

    public ConnectCluster cluster() {
        return cluster;
    }

    public ClusterTiming timing() {
        return timing;
    }

    public String id() {
        return id;
    }

    public Settings settings() {
        return settings;
    }

    public List<Long> increments() {
        return settings.increments();
    }

    public Instant start() {
        return start;
    }

    public String connector() {
        return "e2e-" + id;
    }

    public String topicPrefix() {
        return "e2e-" + id.substring(0, id.indexOf('-') < 0 ? id.length() : id.indexOf('-')) + "-";
    }

    public String topic(long increment) {
        return topicPrefix() + increment;
    }

    /** With tasks.max = number of increments, ConnectorUtils.groupPartitions gives task i the i-th increment. */
    public String topicOfTask(int task) {
        return topic(increments().get(task));
    }

    public Map<String, String> connectorConfig(int tasksMax) {
        Map<String, String> c = new LinkedHashMap<>(IncrementConnector.config(tasksMax));
        c.put("increments", increments().stream().map(String::valueOf).collect(Collectors.joining(",")));
        c.put("topic.prefix", topicPrefix());
        c.put("records.per.second", Integer.toString(settings.recordsPerSecond()));
        if (timing.exactlyOnce()) {
            // Fail at creation, not silently at-least-once, if the workers do not run exactly-once source.
            c.put("exactly.once.support", "required");
        }
        return c;
    }

    /** Creates the scenario's connector and waits until its tasks run. */
    public ConnectorStatus startConnector(int tasksMax) {
        cluster.putConnector(connector(), connectorConfig(tasksMax));
        return awaitStatus(tasksMax + " task(s) RUNNING", s -> s.running() && s.tasks().size() == tasksMax);
    }

    /**
     * Waits until every current worker runs at least one task (a fresh connector or a rebalance spread them) and no
     * other does (a worker killed at the end of its grace period stays in the status until the group drops it).
     */
    public ConnectorStatus awaitEveryWorkerHasTasks(int tasks) {
        return awaitStatus(tasks + " task(s) RUNNING, on every worker of " + cluster.workers() + " and no other",
                s -> s.running() && s.tasks().size() == tasks
                        && s.tasksByWorker().keySet().equals(Set.copyOf(cluster.workers())));
    }

    public ConnectorStatus awaitStatus(String what, Predicate<ConnectorStatus> done) {
        return Waits.waitFor("connector " + connector() + ": " + what, CONNECTOR_TIMEOUT,
                () -> cluster.status(connector()), done);
    }

    /** Notes something done to the cluster now; returns when. */
    public Instant event(TimelineEvent.Kind kind, String label) {
        return event(Instant.now(), kind, label);
    }

    /** Notes something that happened at {@code at} (seen by a driver call that has returned since); returns it. */
    public Instant event(Instant at, TimelineEvent.Kind kind, String label) {
        events.add(new TimelineEvent(at, kind, label));
        System.out.printf(Locale.ROOT, "[%s] t=%.1f s %s%n", id, t(at), label);
        return at;
    }

    /** A conclusion from the data, for the report page. */
    public void finding(String sentence) {
        findings.add(sentence);
    }

    public double t(Instant instant) {
        return Duration.between(start, instant).toMillis() / 1000.0;
    }

    /** "no records from t=a to t=b" for an outage, else "kept flowing (longest pause x s)". */
    public String describe(Optional<Pause> pause) {
        if (pause.isEmpty()) {
            return "no records in the window";
        }
        Pause p = pause.get();
        return OutageAnalysis.isOutage(p)
                ? String.format(Locale.ROOT, "no records from t=%.1f s to t=%.1f s", t(p.from()), t(p.to()))
                : String.format(Locale.ROOT, "kept flowing (longest pause %.2f s)", p.length().toMillis() / 1000.0);
    }

    public VerificationReport verify() {
        return cluster.readSequences(topicPrefix(), timing.exactlyOnce());
    }

    /**
     * Waits until every sequence has {@link #FLOWING_AGAIN} worth of new positions stamped after {@code since}
     * (replayed values do not count): it runs again, on whichever worker, and the data shows how long it did not.
     */
    public VerificationReport awaitFlowingAfter(Instant since, Duration timeout) {
        long needed = settings.recordsPerSecond() * FLOWING_AGAIN.toSeconds();
        return awaitData("all " + increments().size() + " sequences of " + connector() + " to make " + needed
                        + " new positions after t=" + t(since) + " s", timeout,
                r -> r.sequences().size() == increments().size()
                        && r.sequences().values().stream().allMatch(s -> newPositionsAfter(s, since) >= needed));
    }

    /**
     * Waits until every sequence has at least {@code records} distinct positions: a baseline of normal flow
     * (longer than an offset flush interval, so a crash replays only what followed the last flush).
     */
    public VerificationReport awaitPositions(long records) {
        return awaitData("all " + increments().size() + " sequences of " + connector() + " to reach position "
                        + records, CONNECTOR_TIMEOUT.plusSeconds(records / settings.recordsPerSecond()),
                r -> r.sequences().size() == increments().size()
                        && r.sequences().values().stream().allMatch(s -> s.maxPosition() >= records));
    }

    /** Baseline flow before a disturbance: the settings' baseline, else an offset flush and a few seconds more. */
    public VerificationReport awaitBaseline() {
        long records = settings.baseline().map(b -> settings.recordsPerSecond() * b.toMillis() / 1000)
                .orElse(settings.recordsPerSecond() * (timing.offsetFlush().toSeconds() + 2));
        return awaitPositions(records);
    }

    /**
     * Waits for the data to satisfy {@code done}. Under exactly-once, when it does not within
     * {@link #HANGING_TRANSACTION_WATCH}, aborts the transactions Kafka left open (Kafka's doing, not the
     * connector's) and says so in the findings, so the report shows every time an operator would have stepped in.
     * A timeout's error carries the connector's status and the transactions still open.
     */
    private VerificationReport awaitData(String what, Duration timeout, Predicate<VerificationReport> done) {
        Duration left = timeout;
        if (timing.exactlyOnce() && timeout.compareTo(HANGING_TRANSACTION_WATCH) > 0) {
            Duration firstLook = HANGING_TRANSACTION_WATCH.minus(HANGING_TRANSACTION_AGE);
            try {
                return Waits.waitFor(what, firstLook, this::verify, done);
            } catch (IllegalStateException notYet) {
                List<HangingTransactions.OpenTransaction> open = HangingTransactions.open(cluster.bootstrapServers());
                try {
                    return Waits.waitFor(what, HANGING_TRANSACTION_AGE, this::verify, done);
                } catch (IllegalStateException stuck) {
                    abortHangingTransactions(open);
                    left = timeout.minus(HANGING_TRANSACTION_WATCH);
                }
            }
        }
        try {
            return Waits.waitFor(what, left, this::verify, done);
        } catch (IllegalStateException stillStuck) {
            throw new IllegalStateException(stillStuck.getMessage() + "\n" + stateForError(), stillStuck);
        }
    }

    private void abortHangingTransactions(List<HangingTransactions.OpenTransaction> earlier) {
        List<String> aborted = HangingTransactions.abortStillOpen(cluster.bootstrapServers(), earlier,
                HangingTransactions.open(cluster.bootstrapServers()));
        event(TimelineEvent.Kind.CHANGE, "nothing for " + HANGING_TRANSACTION_WATCH.toSeconds() + " s: aborted "
                + aborted.size() + " hanging transaction(s), as kafka-transactions.sh abort does");
        if (!aborted.isEmpty()) {
            finding(String.format(Locale.ROOT, "The data was not there after %d s: %d transaction(s) open from the "
                    + "same offset for %d s were aborted as an operator would (kafka-transactions.sh abort): %s.",
                    HANGING_TRANSACTION_WATCH.toSeconds(), aborted.size(), HANGING_TRANSACTION_AGE.toSeconds(),
                    aborted));
        }
    }

    /** What a stuck wait's error adds: where the tasks are and, under exactly-once, the transactions still open. */
    private String stateForError() {
        StringBuilder state = new StringBuilder();
        try {
            state.append("Status: ").append(cluster.status(connector()));
        } catch (RuntimeException e) {
            state.append("Status unavailable: ").append(e.getMessage());
        }
        if (timing.exactlyOnce()) {
            try {
                state.append("\nOpen transactions: ").append(HangingTransactions.open(cluster.bootstrapServers())
                        .stream().map(HangingTransactions.OpenTransaction::describe).toList());
            } catch (RuntimeException e) {
                state.append("\nOpen transactions unavailable: ").append(e.getMessage());
            }
        }
        return state.toString();
    }

    private static long newPositionsAfter(SequenceReport s, Instant since) {
        long before = s.records().stream().filter(r -> !r.timestamp().isAfter(since))
                .mapToLong(r -> r.value() / s.step()).max().orElse(0);
        return s.records().stream().filter(r -> r.timestamp().isAfter(since))
                .mapToLong(r -> r.value() / s.step()).filter(p -> p > before).distinct().count();
    }

    /**
     * The workers whose graceful stop in this scenario hung in Connect's shutdown and was killed at the end of its
     * grace period ({@link ConnectCluster#stopsKilledAfterGracePeriod()}).
     */
    public List<String> stopsKilledAfterGracePeriod() {
        List<String> all = cluster.stopsKilledAfterGracePeriod();
        return List.copyOf(all.subList(Math.min(stopsKilledBefore, all.size()), all.size()));
    }

    /** The most a crash may replay of one sequence: its records since the last offset flush, plus 5 s of slack. */
    public long replayBound() {
        return settings.recordsPerSecond() * timing.offsetFlush().plusSeconds(5).toSeconds();
    }

    /**
     * What graceful stops may duplicate of one sequence: nothing, since a stopping worker commits its offsets; a crash's
     * {@link #replayBound()} when Connect hung in a stop and was killed instead.
     */
    public long duplicatesAllowedAfterGracefulStops() {
        return stopsKilledAfterGracePeriod().isEmpty() ? 0 : replayBound();
    }

    /** The longest a disturbance can take to be over here: noticed, delayed, reassigned, started, plus slack. */
    public Duration recoveryTimeout() {
        return timing.sessionTimeout().plus(timing.rebalanceDelay()).plus(Duration.ofSeconds(90));
    }

    /**
     * Builds the scenario's result from the data (per sequence: records, gaps, duplicates, outage and a line on
     * what happened, by {@code outcome}); unless the settings say otherwise, writes its report page and picture
     * and prints the run's summary.
     */
    public ScenarioResult report(VerificationReport data, Function<SequenceReport, SequenceOutcome> outcome) {
        List<String> killed = stopsKilledAfterGracePeriod();
        if (!killed.isEmpty()) {
            finding("Connect hung in its own shutdown on " + killed + " and was killed at the end of the grace period"
                    + " (its threads are in its log): what followed its last offset commit came again, as after a"
                    + " crash.");
        }
        List<SequenceOutcome> rows = data.sequences().values().stream().map(outcome).toList();
        String verdict = String.format(Locale.ROOT, "%s, %d missing, %d duplicates",
                data.hasGaps() ? "GAPS" : "no gaps", data.totalMissing(), data.totalDuplicates());
        Instant end = data.sequences().values().stream().flatMap(s -> s.records().stream())
                .map(r -> r.timestamp()).max(Instant::compareTo).orElse(Instant.now());
        ScenarioResult result = new ScenarioResult(id, title, timing.describe(), start, end, events, rows, data,
                verdict, findings);
        if (settings.writesReport()) {
            String summary = ScenarioReport.write(result);
            System.out.println(data.render());
            System.out.println("e2e report so far (" + ScenarioReport.DEFAULT_DIR.toAbsolutePath() + "):\n" + summary);
        }
        return result;
    }

    /** Restarts what the scenario took down and deletes its connector on exit: use with try-with-resources. */
    ScenarioCleanup cleanUpOnExit() {
        return new ScenarioCleanup(cluster, connector());
    }
}
