package com.example.increment.scenarios;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import com.example.increment.connect.ConnectCluster;
import com.example.increment.scenarios.report.OutageAnalysis;
import com.example.increment.scenarios.report.ScenarioResult;
import com.example.increment.scenarios.report.SequenceOutcome;
import com.example.increment.scenarios.report.TimelineEvent.Kind;
import com.example.increment.verify.SequenceReport;
import com.example.increment.verify.SequenceReport.Pause;
import com.example.increment.verify.VerificationReport;

/**
 * Scenario 9, written once against {@link ConnectCluster}: for a bounded time, random (seeded) kills, graceful stops
 * and restarts of workers, never all of them down at once; then every worker back. Rerun a failure with
 * {@code -De2e.chaos.seed=<seed>} (the seed is printed and in the report).
 *
 * @param actions what was done, in order
 */
public record Chaos(long seed, List<String> actions, Instant chaosStart, VerificationReport data,
                    ScenarioResult result) {

    public static final String SEED_PROPERTY = "e2e.chaos.seed";
    /** Pauses between actions: long enough for some to be noticed (session timeout), short enough to overlap. */
    static final Duration MIN_PAUSE = Duration.ofSeconds(4);
    static final Duration MAX_PAUSE = Duration.ofSeconds(14);

    /**
     * @param length     how long actions keep coming
     * @param maxActions at most this many actions
     */
    public static Chaos run(ScenarioRun run, Duration length, int maxActions) throws InterruptedException {
        long seed = Long.getLong(SEED_PROPERTY, System.currentTimeMillis());
        System.out.println("[" + run.id() + "] chaos seed " + seed + " (rerun with -D" + SEED_PROPERTY + "=" + seed + ")");
        Random random = new Random(seed);
        ConnectCluster cluster = run.cluster();
        int tasks = run.increments().size();
        // Whatever fails, the workers that are down come back and the connector goes, for the next scenario.
        try (ScenarioCleanup cleanup = run.cleanUpOnExit()) {
            run.startConnector(tasks);
            run.awaitEveryWorkerHasTasks(tasks);
            run.awaitBaseline();

            List<String> actions = new ArrayList<>();
            Instant chaosStart = Instant.now();
            Instant end = chaosStart.plus(length);
            while (actions.size() < maxActions && Instant.now().isBefore(end)) {
                // Pacing, not waiting for a condition: the point is to act while the group is still settling.
                Thread.sleep(MIN_PAUSE.toMillis() + random.nextLong(MAX_PAUSE.minus(MIN_PAUSE).toMillis()));
                List<String> down = cleanup.downWorkers();
                List<String> up = cluster.workers().stream().filter(w -> !down.contains(w)).toList();
                boolean restart = !down.isEmpty() && (up.size() < 2 || random.nextBoolean());
                if (restart) {
                    String worker = down.get(random.nextInt(down.size()));
                    actions.add(act(run, Kind.RESTART, "restart " + worker));
                    cluster.restartWorker(worker);
                    cleanup.back(worker);
                } else {
                    String worker = up.get(random.nextInt(up.size()));
                    cleanup.down(worker);
                    if (random.nextInt(3) < 2) {
                        actions.add(act(run, Kind.KILL, "kill -9 " + worker));
                        cluster.killWorker(worker);
                    } else {
                        actions.add(act(run, Kind.STOP, "graceful stop " + worker));
                        cluster.stopWorker(worker);
                    }
                }
            }
            for (String worker : cleanup.downWorkers()) {
                actions.add(act(run, Kind.RESTART, "restart " + worker + " (end of chaos)"));
                cluster.restartWorker(worker);
                cleanup.back(worker);
            }
            Instant allBack = run.event(Kind.RESTART, "every worker back");
            run.awaitStatus(tasks + " tasks RUNNING", s -> s.running() && s.tasks().size() == tasks);
            VerificationReport data = run.awaitFlowingAfter(allBack, run.recoveryTimeout());
            run.finding("Seed " + seed + " (rerun with -D" + SEED_PROPERTY + "=" + seed + "): " + actions.size()
                    + " actions in " + Duration.between(chaosStart, allBack).toSeconds() + " s.");
            ScenarioResult result = run.report(data, s -> outcome(run, s, chaosStart));
            return new Chaos(seed, actions, chaosStart, data, result);
        }
    }

    private static String act(ScenarioRun run, Kind kind, String what) {
        run.event(kind, what);
        return what;
    }

    private static SequenceOutcome outcome(ScenarioRun run, SequenceReport s, Instant chaosStart) {
        Optional<Pause> longest = OutageAnalysis.longestPauseIn(s, chaosStart, Instant.MAX);
        long pauses = s.pauses(OutageAnalysis.THRESHOLD).stream().filter(p -> p.to().isAfter(chaosStart)).count();
        String what = String.format(Locale.ROOT, "%d pauses over %.1f s; the longest: %s", pauses,
                OutageAnalysis.THRESHOLD.toMillis() / 1000.0, run.describe(longest));
        return new SequenceOutcome(s.topic(), s.count(), s.missingCount(), s.duplicateCount(),
                longest.map(Pause::length).orElse(Duration.ZERO), what);
    }
}
