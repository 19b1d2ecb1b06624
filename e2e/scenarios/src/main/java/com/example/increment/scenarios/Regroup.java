package com.example.increment.scenarios;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.increment.connect.ConnectCluster;
import com.example.increment.connect.ConnectorStatus;
import com.example.increment.scenarios.report.OutageAnalysis;
import com.example.increment.scenarios.report.ScenarioResult;
import com.example.increment.scenarios.report.SequenceOutcome;
import com.example.increment.scenarios.report.TimelineEvent.Kind;
import com.example.increment.verify.SequenceReport;
import com.example.increment.verify.SequenceReport.Pause;
import com.example.increment.verify.VerificationReport;

/**
 * Scenarios 6 and 7, written once against {@link ConnectCluster}: the work is regrouped on purpose (more or fewer
 * workers, more or fewer tasks) while records flow, and every step's placement is kept for the assertions.
 *
 * @param steps       after each change: what was asked and the status once it had settled
 * @param firstChange when the first change was made; outages are measured from there
 */
public record Regroup(List<Step> steps, Instant firstChange, VerificationReport data, ScenarioResult result) {

    /** One change and the connector's status once it had settled. */
    public record Step(String change, Instant at, ConnectorStatus settled) {
    }

    /** Scenario 6: every worker count in turn, tasks.max = one task per sequence. */
    public static Regroup scaleWorkers(ScenarioRun run, List<Integer> workerCounts) {
        ConnectCluster cluster = run.cluster();
        int tasks = run.increments().size();
        // Deletes the connector however the scenario ends; the worker count stays as the last step left it.
        try (ScenarioCleanup cleanup = run.cleanUpOnExit()) {
            run.startConnector(tasks);
            List<Step> steps = new ArrayList<>();
            steps.add(new Step("start on " + cluster.workers().size() + " workers", run.start(),
                    run.awaitEveryWorkerHasTasks(tasks)));
            run.awaitBaseline();
            for (int count : workerCounts) {
                Instant at = run.event(Kind.CHANGE, "scale workers " + cluster.workers().size() + " -> " + count);
                cluster.scaleWorkers(count);
                // Spread over new workers, or gathered on the remaining ones: every worker runs a task.
                ConnectorStatus settled = run.awaitEveryWorkerHasTasks(tasks);
                run.event(Kind.CHANGE, count + " worker(s) run all " + tasks + " tasks");
                steps.add(new Step("scale to " + count, at, settled));
                run.awaitFlowingAfter(at, run.recoveryTimeout());
            }
            return finish(run, steps);
        }
    }

    /** Scenario 7: every tasks.max in turn, on the cluster as it is. */
    public static Regroup changeTasksMax(ScenarioRun run, int first, List<Integer> then) {
        try (ScenarioCleanup cleanup = run.cleanUpOnExit()) {
            List<Step> steps = new ArrayList<>();
            steps.add(new Step("start with tasks.max=" + first, run.start(), run.startConnector(first)));
            run.awaitBaseline();
            int current = first;
            for (int tasksMax : then) {
                Instant at = run.event(Kind.CHANGE, "tasks.max " + current + " -> " + tasksMax);
                run.cluster().setTasksMax(run.connector(), tasksMax);
                ConnectorStatus settled = run.awaitStatus(tasksMax + " task(s) RUNNING",
                        s -> s.running() && s.tasks().size() == tasksMax);
                steps.add(new Step("tasks.max=" + tasksMax, at, settled));
                run.awaitFlowingAfter(at, run.recoveryTimeout());
                current = tasksMax;
            }
            return finish(run, steps);
        }
    }

    private static Regroup finish(ScenarioRun run, List<Step> steps) {
        Instant firstChange = steps.get(1).at();
        VerificationReport data = run.verify();
        steps.forEach(step -> run.finding(String.format(Locale.ROOT, "t=%.1f s %s -> %s", run.t(step.at()),
                step.change(), describe(step.settled()))));
        ScenarioResult result = run.report(data, s -> outcome(run, s, firstChange));
        return new Regroup(steps, firstChange, data, result);
    }

    public Duration outage(String topic) {
        return OutageAnalysis.outageIn(data.sequence(topic), firstChange, Instant.MAX);
    }

    /** Per step, the workers that ran tasks. */
    public List<Integer> workersUsed() {
        return steps.stream().map(s -> s.settled().tasksByWorker().size()).toList();
    }

    private static SequenceOutcome outcome(ScenarioRun run, SequenceReport s, Instant firstChange) {
        Optional<Pause> pause = OutageAnalysis.longestPauseIn(s, firstChange, Instant.MAX);
        return new SequenceOutcome(s.topic(), s.count(), s.missingCount(), s.duplicateCount(),
                pause.map(Pause::length).orElse(Duration.ZERO), "from the first change on: " + run.describe(pause));
    }

    private static String describe(ConnectorStatus status) {
        return status.tasksByWorker().entrySet().stream().map(e -> e.getKey() + " runs tasks " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
