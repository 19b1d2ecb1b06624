package com.example.increment.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.example.increment.local.ClusterLogsOnFailure;
import com.example.increment.local.ConnectWorker;
import com.example.increment.local.LocalConnectCluster;
import com.example.increment.local.monitoring.PrometheusApi;
import com.example.increment.local.monitoring.PrometheusConfig;
import com.example.increment.local.monitoring.PrometheusServer;
import com.example.increment.local.monitoring.ScrapeTarget;
import com.example.increment.scenarios.WorkerLoss.Loss;
import com.example.increment.scenarios.WorkerLoss.Pick;
import com.example.increment.scenarios.report.OutageAnalysis;
import com.example.increment.scenarios.report.TimelineEvent.Kind;
import com.example.increment.support.Ports;
import com.example.increment.support.Waits;
import com.example.increment.verify.SequenceReport.Pause;
import com.example.increment.verify.VerificationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The alerts and the dashboard against a real Prometheus (Debian's 2.42) that scrapes the local workers' JMX
 * exporters and evaluates helm/files/prometheus-rules.yml, adapted to the cluster's settings as the chart adapts it.
 * A worker killed in a normal failover raises no stall alert; workers killed with nobody to take over make
 * IncrementSequenceStalled pending, then firing, within bounds from the session timeout and the rebalance delay, and
 * it resolves when the sequences resume; every dashboard panel's query returns data.
 */
@Tag("local-cluster") // starts Kafka processes: `make unit` leaves it out
@ExtendWith(PrometheusInstalled.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusAlertsLiveTest {

    /** A 10 s rebalance delay, the kind of short one the chart's default is moving to; the threshold follows it. */
    private static final ClusterTiming TIMING = ClusterTiming.atLeastOnce(Duration.ofSeconds(10));
    private static final Duration SCRAPE = Duration.ofSeconds(2);
    private static final Duration EVALUATION = Duration.ofSeconds(1);
    /** The chart's formula (templates/_helpers.tpl, increment.sequenceStallSeconds): session + delay + 10 s = 30 s. */
    private static final Duration STALL_THRESHOLD = TIMING.sessionTimeout().plus(TIMING.rebalanceDelay()).plusSeconds(10);
    /** The chart's `for`: one scrape interval. */
    private static final Duration STALL_FOR = SCRAPE;
    /** How late a scrape or an evaluation may come on a loaded 2-core machine. */
    private static final Duration SLACK = Duration.ofSeconds(8);
    private static final Duration TARGETS_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FIRING_TIMEOUT = STALL_THRESHOLD.plus(STALL_FOR).plusSeconds(60);
    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PANEL_TIMEOUT = Duration.ofSeconds(30);
    /** The rules count a dead worker's sequence only if it wrote within this of the worker's last scrape. */
    private static final Duration RULES_WROTE_BEFORE_DEATH = Duration.ofSeconds(30);
    private static final String STALLED = StallRules.ALERT;

    @RegisterExtension
    static final LocalScenarioCluster LOCAL = new LocalScenarioCluster("prometheus-alerts", 2, TIMING, true);
    private static PrometheusServer prometheus;
    private static String stallMeasure;
    private static String deletedConnector;
    private static String runningConnector;

    @RegisterExtension
    static final ClusterLogsOnFailure PROMETHEUS_LOG = new ClusterLogsOnFailure(() -> prometheus == null ? List.of()
            : List.of(prometheus.logFile(), prometheus.configFile()));

    @BeforeAll
    static void startPrometheus() throws IOException {
        String plain = Files.readString(Path.of(System.getProperty("increment.prometheus.rules")));
        stallMeasure = StallRules.measure(plain);
        Path dir = Path.of("target", "prometheus", "alerts-" + LocalDateTime.now().format(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toAbsolutePath();
        Files.createDirectories(dir);
        Path rules = Files.writeString(dir.resolve("prometheus-rules.yml"), StallRules.adapted(plain, STALL_THRESHOLD,
                STALL_FOR));
        List<ScrapeTarget> targets = LOCAL.cluster().definedWorkers().stream()
                .map(w -> new ScrapeTarget(w.metrics().orElseThrow().target(), w.name())).toList();
        prometheus = new PrometheusServer(PrometheusServer.findBinary().orElseThrow(), dir, Ports.freePort(),
                new PrometheusConfig(SCRAPE, EVALUATION, List.of(rules), targets));
        prometheus.start();
        System.out.printf("Prometheus %s scrapes %s every %d s; rules %s (stall threshold %d s, for %d s)%n",
                prometheus.url(), targets, SCRAPE.toSeconds(), rules, STALL_THRESHOLD.toSeconds(), STALL_FOR.toSeconds());
        Waits.waitFor("Prometheus to scrape every worker", TARGETS_TIMEOUT, () -> prometheus.api().targetHealth(),
                h -> h.size() == targets.size() && h.values().stream().allMatch("up"::equals));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.stop();
        }
    }

    @Test
    @Order(1)
    void aWorkerKilledInANormalFailoverRaisesNoStallAlert() {
        ScenarioRun run = new ScenarioRun(LOCAL.cluster(), TIMING, "m1-failover", "kill -9 a follower: its sequences "
                + "move within the failover time, and no stall alert", quietSettings(true));
        deletedConnector = run.connector();

        WorkerLoss loss = WorkerLoss.run(run, Pick.FOLLOWER, Loss.KILL); // restarts the worker, deletes the connector

        PrometheusApi api = prometheus.api();
        Map<String, Double> longestSeen = longestStall(api, run.connector(), loss.lossAt());
        System.out.println("m1: moved " + loss.movedTopics() + ", outage " + loss.movedTopics().stream()
                .map(t -> t + " " + loss.outage(t).toMillis() / 1000.0 + " s").toList() + "; longest stall Prometheus saw: "
                + longestSeen);
        for (String topic : loss.movedTopics()) {
            assertThat(loss.outage(topic)).as("the failover of %s: session timeout + delay", topic)
                    .isLessThan(STALL_THRESHOLD.minus(SCRAPE));
            String increment = topic.substring(run.topicPrefix().length());
            assertThat(longestSeen.get(increment)).as("the stall Prometheus measured for %s (it saw the pause)", topic)
                    .isGreaterThan(TIMING.sessionTimeout().toSeconds() - SCRAPE.toSeconds() - 1.0)
                    .isLessThan(STALL_THRESHOLD.toSeconds());
        }
        assertThat(api.queryRange("ALERTS{alertname=\"" + STALLED + "\"}", run.start(), Instant.now(), EVALUATION))
                .as("no stall alert, not even pending, through the failover and the connector's deletion").isEmpty();
    }

    @Test
    @Order(2)
    void workersKilledWithNobodyToTakeOverAlertPendingThenFiringThenResolve() {
        LocalConnectCluster cluster = LOCAL.cluster();
        ScenarioRun run = new ScenarioRun(cluster, TIMING, "m2-all-down", "kill -9 every worker: the sequences stall "
                + "until they are back", quietSettings(false));
        runningConnector = run.connector();
        int tasks = run.increments().size();
        run.startConnector(tasks);
        run.awaitEveryWorkerHasTasks(tasks);
        run.awaitBaseline();
        PrometheusApi api = prometheus.api();
        // The rules leave out what stopped before its worker died; the deleted connector of test 1 has by now.
        Optional.ofNullable(deletedConnector).ifPresent(gone -> Waits.waitFor("connector " + gone + "'s last records "
                        + "to be older than " + RULES_WROTE_BEFORE_DEATH.toSeconds() + " s", TARGETS_TIMEOUT,
                () -> api.query("time() - max(max_over_time(kafka_connect_plugin_sequence_last_record_timestamp_seconds"
                        + "{connector=\"" + gone + "\"}[1h]))"),
                r -> r.isEmpty() || r.get(0).lastValue() > RULES_WROTE_BEFORE_DEATH.plus(SLACK).toSeconds()));

        Instant killedAt = run.event(Kind.KILL, "kill -9 every worker " + cluster.workers());
        List<String> down = new ArrayList<>(cluster.workers());
        try {
            down.forEach(cluster::killWorker);
            List<PrometheusApi.Alert> firing = Waits.waitFor(STALLED + " firing for the " + tasks + " sequences of "
                    + run.connector(), FIRING_TIMEOUT, () -> stalled(api, run.connector(), "firing"),
                    a -> a.size() == tasks);
            assertThat(api.alerts()).as("the deleted connector's sequences are no stall")
                    .noneMatch(a -> a.label("connector").equals(deletedConnector));
            assertThat(api.alerts()).as("the dead workers are missing from the group (pending: for 2m)")
                    .filteredOn(a -> a.name().equals("IncrementWorkerMissing")).hasSize(down.size());

            List<PrometheusApi.Series> alertSeries = api.queryRange("ALERTS{alertname=\"" + STALLED + "\", connector=\""
                    + run.connector() + "\"}", killedAt, Instant.now(), EVALUATION);
            Map<String, Double> pendingAfterKill = new TreeMap<>();
            Map<String, Double> firingAfterKill = new TreeMap<>();
            for (PrometheusApi.Alert alert : firing) {
                String increment = alert.label("increment");
                Instant firstFiring = first(alertSeries, increment, "firing");
                Instant firstPending = first(alertSeries, increment, "pending");
                pendingAfterKill.put(increment, seconds(killedAt, alert.activeAt()));
                firingAfterKill.put(increment, seconds(killedAt, firstFiring));
                assertThat(firstPending).as("pending before firing").isBefore(firstFiring);
                assertThat(Duration.between(killedAt, alert.activeAt())).as("sequence %s pending after the kill: "
                        + "threshold %d s (session + delay + 10 s), less up to one scrape", increment,
                        STALL_THRESHOLD.toSeconds())
                        .isBetween(STALL_THRESHOLD.minus(SCRAPE).minusSeconds(1), STALL_THRESHOLD.plus(SLACK));
                assertThat(Duration.between(alert.activeAt(), firstFiring)).as("sequence %s firing after pending: "
                        + "for %d s", increment, STALL_FOR.toSeconds())
                        .isBetween(STALL_FOR, STALL_FOR.plus(EVALUATION).plus(SLACK));
                assertThat(alert.annotations().get("description")).contains(run.connector())
                        .contains("`curl -s http://<worker>:8083/connectors/" + run.connector() + "/status`");
            }
            System.out.printf(Locale.ROOT, "m2: %s pending %s s and firing %s s after the kill (threshold %d s, "
                    + "for %d s)%n", STALLED, pendingAfterKill, firingAfterKill, STALL_THRESHOLD.toSeconds(),
                    STALL_FOR.toSeconds());

            Instant restartAt = run.event(Kind.RESTART, "restart every worker");
            cluster.startAll();
            down.clear();
            VerificationReport data = run.awaitFlowingAfter(restartAt, RESOLVE_TIMEOUT);
            Waits.waitFor(STALLED + " to resolve for " + run.connector(), RESOLVE_TIMEOUT,
                    () -> stalled(api, run.connector(), null), List::isEmpty);
            List<PrometheusApi.Series> after = api.queryRange("ALERTS{alertname=\"" + STALLED + "\", connector=\""
                    + run.connector() + "\"}", killedAt, Instant.now(), EVALUATION);
            Map<String, Double> resolvedAfterResume = new TreeMap<>();
            for (String increment : firingAfterKill.keySet()) {
                Instant resumed = OutageAnalysis.longestPauseIn(data.sequence(run.topicPrefix() + increment), killedAt,
                        Instant.MAX).map(Pause::to).orElseThrow();
                Instant resolved = last(after, increment, "firing").plus(EVALUATION); // the first evaluation without it
                resolvedAfterResume.put(increment, seconds(resumed, resolved));
                assertThat(Duration.between(resumed, resolved)).as("sequence %s: the alert resolved once the sequence "
                        + "resumed (not when its worker came back), within a scrape and an evaluation", increment)
                        .isBetween(Duration.ZERO, SCRAPE.plus(EVALUATION).plus(SLACK));
            }
            assertThat(data.hasGaps()).as(data.render()).isFalse();
            System.out.printf(Locale.ROOT, "m2: resolved %s s after each sequence resumed (its first new record)%n",
                    resolvedAfterResume);
        } finally {
            down.stream().filter(w -> !cluster.worker(w).isRunning()).findAny().ifPresent(w -> cluster.startAll());
        }
    }

    @Test
    @Order(3)
    void everyDashboardPanelsQueryReturnsData() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of(
                System.getProperty("increment.grafana.dashboard"))));
        PrometheusApi api = prometheus.api();
        Map<String, Integer> seriesPerQuery = new TreeMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText().replace("$namespace", ".*");
                String name = panel.path("title").asText() + " [" + target.path("refId").asText() + "]";
                seriesPerQuery.put(name, Waits.waitFor("panel '" + name + "' to return data: " + expr, PANEL_TIMEOUT,
                        () -> api.query(expr), r -> !r.isEmpty()).size());
            }
        }
        System.out.println("Dashboard panels, series returned: " + seriesPerQuery);
        assertThat(seriesPerQuery).hasSizeGreaterThanOrEqualTo(11);
        // Two tasks share each worker here: each has its own rate (one shared sensor once hid them after a restart).
        Waits.waitFor("a records-per-second series for each of the 4 tasks of " + runningConnector, PANEL_TIMEOUT,
                () -> api.query("count(kafka_connect_plugin_records_emitted_rate{connector=\"" + runningConnector
                        + "\"})"), r -> !r.isEmpty() && r.get(0).lastValue() == ScenarioRun.INCREMENTS.size());
    }

    /** Quiet settings: no report page (these runs are about the alerts), restarts lost workers or not. */
    private static ScenarioRun.Settings quietSettings(boolean restartsLostWorkers) {
        return new ScenarioRun.Settings(ScenarioRun.INCREMENTS, ScenarioRun.RECORDS_PER_SECOND, Optional.empty(),
                false, restartsLostWorkers);
    }

    /** The longest stall the alert's own measure showed per increment of a connector, from {@code since} on. */
    private static Map<String, Double> longestStall(PrometheusApi api, String connector, Instant since) {
        Map<String, Double> longest = new TreeMap<>();
        for (PrometheusApi.Series s : api.queryRange(stallMeasure, since, Instant.now(), EVALUATION)) {
            if (s.label("connector").equals(connector)) {
                longest.put(s.label("increment"), s.samples().stream().mapToDouble(PrometheusApi.Sample::value).max()
                        .orElse(0));
            }
        }
        return longest;
    }

    private static List<PrometheusApi.Alert> stalled(PrometheusApi api, String connector, String state) {
        return api.alerts().stream().filter(a -> a.name().equals(STALLED) && a.label("connector").equals(connector))
                .filter(a -> state == null || a.state().equals(state)).toList();
    }

    private static Instant first(List<PrometheusApi.Series> alerts, String increment, String state) {
        return samplesOf(alerts, increment, state).get(0).at();
    }

    private static Instant last(List<PrometheusApi.Series> alerts, String increment, String state) {
        List<PrometheusApi.Sample> samples = samplesOf(alerts, increment, state);
        return samples.get(samples.size() - 1).at();
    }

    private static List<PrometheusApi.Sample> samplesOf(List<PrometheusApi.Series> alerts, String increment,
                                                        String state) {
        return alerts.stream().filter(s -> s.label("increment").equals(increment) && s.label("alertstate").equals(state))
                .findFirst().map(PrometheusApi.Series::samples).orElseThrow(() -> new AssertionError("no " + state
                        + " ALERTS series for increment " + increment + " in " + alerts));
    }

    private static double seconds(Instant from, Instant to) {
        return Math.round(Duration.between(from, to).toMillis() / 100.0) / 10.0;
    }
}
