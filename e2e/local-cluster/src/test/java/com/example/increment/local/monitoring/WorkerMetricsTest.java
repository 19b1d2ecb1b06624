package com.example.increment.local.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.example.increment.connect.IncrementConnector;
import com.example.increment.local.ClusterLogsOnFailure;
import com.example.increment.local.ConnectWorker;
import com.example.increment.local.LocalClusterSettings;
import com.example.increment.local.LocalConnectCluster;
import com.example.increment.local.NoProcessLeftBehind;
import com.example.increment.local.process.JmxExporter;
import com.example.increment.support.Waits;

/**
 * Each worker's JMX exporter, run with the chart's own rules file, scraped while the default connector runs: the
 * series the alerts and the dashboard read exist, with the labels they group by.
 */
@Tag("local-cluster") // starts Kafka processes: `make unit` leaves it out
class WorkerMetricsTest {

    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SERIES_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(SCRAPE_TIMEOUT).build();
    private static final List<Long> PIDS = new ArrayList<>();
    private static LocalConnectCluster cluster;

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure(() -> cluster == null ? List.of() : cluster.logFiles());

    @BeforeAll
    static void startCluster() {
        cluster = new LocalConnectCluster(LocalClusterSettings.ephemeral("worker-metrics-test", 2).withMetrics());
        try {
            cluster.start();
        } finally {
            cluster.runningWorkers().forEach(w -> w.process().ifPresent(p -> PIDS.add(p.pid())));
            if (cluster.broker().isRunning()) {
                PIDS.add(cluster.broker().process().pid());
            }
        }
        cluster.putConnector(IncrementConnector.NAME, IncrementConnector.config(2));
        cluster.awaitRunning(IncrementConnector.NAME, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
            NoProcessLeftBehind.check(PIDS);
        }
    }

    @Test
    void eachWorkerRunsTheExporterWithTheChartsRulesOnLoopback() {
        for (ConnectWorker worker : cluster.runningWorkers()) {
            JmxExporter.Endpoint metrics = worker.metrics().orElseThrow();
            assertThat(metrics.exporter().rulesFile()).as("the chart's rules file, not a copy")
                    .endsWith(Path.of("helm", "files", "connect-metrics.yml"));
            assertThat(metrics.url()).startsWith("http://127.0.0.1:").endsWith("/metrics");
            assertThat(scrape(worker).names()).as("JVM metrics too, as in Strimzi's image").anyMatch(n -> n.startsWith("jvm_"));
        }
    }

    @Test
    void everySequenceHasItsPositionLastRecordTimeAndRateWithItsLabels() {
        Map<String, Exposition> scrapes = Waits.waitFor("both sequences' series on the workers' /metrics",
                SERIES_TIMEOUT, WorkerMetricsTest::scrapeAll, s -> sequences(s).equals(Set.of("1", "100")));
        Instant now = Instant.now();
        for (Exposition scrape : scrapes.values()) {
            for (Exposition.Sample position : scrape.named("kafka_connect_plugin_sequence_position")) {
                assertThat(position.label("connector")).isEqualTo(IncrementConnector.NAME);
                assertThat(position.label("task")).isIn("0", "1");
                assertThat(position.value()).as("position of %s", position.labels()).isPositive();
                Exposition.Sample lastRecord = scrape.find("kafka_connect_plugin_sequence_last_record_timestamp_seconds",
                        position.labels()).orElseThrow();
                assertThat(Duration.between(Instant.ofEpochMilli(Math.round(lastRecord.value() * 1000)), now).abs())
                        .as("the last record of a flowing sequence, in seconds since the epoch").isLessThan(SERIES_TIMEOUT);
                Map<String, String> task = Map.of("connector", position.label("connector"), "task", position.label("task"));
                assertThat(scrape.find("kafka_connect_plugin_records_emitted_rate", task)).as("records per second of %s", task)
                        .hasValueSatisfying(s -> assertThat(s.value()).isPositive());
                assertThat(scrape.find("kafka_connect_plugin_records_emitted_total", task)).isPresent();
                assertThat(scrape.find("kafka_connect_plugin_records_unacknowledged", task)).isPresent();
                assertThat(scrape.find("kafka_connect_connector_task_status", Map.of("connector", IncrementConnector.NAME,
                        "task", position.label("task"), "status", "running")))
                        .as("task state of %s", task).hasValueSatisfying(s -> assertThat(s.value()).isEqualTo(1.0));
            }
        }
    }

    @Test
    void theConnectorsStatusAndTheGroupsRebalancesAreThere() {
        Map<String, Exposition> scrapes = scrapeAll();
        assertThat(scrapes.values().stream().flatMap(s -> s.find("kafka_connect_connector_status",
                Map.of("connector", IncrementConnector.NAME, "status", "running")).stream()))
                .as("the connector's status, on the worker that runs it").hasSize(1);
        for (Exposition scrape : scrapes.values()) {
            assertThat(scrape.named("kafka_connect_worker_rebalance_completed_rebalances_total")).singleElement()
                    .satisfies(s -> assertThat(s.value()).isGreaterThanOrEqualTo(1));
            assertThat(scrape.named("kafka_connect_worker_rebalance_rebalancing")).hasSize(1);
            assertThat(scrape.named("kafka_connect_worker_rebalance_time_since_last_rebalance_ms")).hasSize(1);
            assertThat(scrape.named("kafka_connect_worker_task_count")).singleElement()
                    .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
        }
    }

    @Test
    void everySeriesTheAlertsAndTheDashboardReadIsExported() throws IOException {
        Set<String> needed = new TreeSet<>();
        for (String file : List.of("increment.prometheus.rules", "increment.grafana.dashboard")) {
            Matcher m = Pattern.compile("\\bkafka_connect_[a-z0-9_]+").matcher(Files.readString(Path.of(
                    System.getProperty(file))));
            while (m.find()) {
                needed.add(m.group());
            }
        }
        assertThat(needed).as("what the rules and the dashboard read").hasSizeGreaterThan(8);
        Set<String> exported = new TreeSet<>();
        Waits.waitFor("both sequences on the workers' /metrics", SERIES_TIMEOUT, WorkerMetricsTest::scrapeAll,
                s -> sequences(s).equals(Set.of("1", "100"))).values().forEach(s -> exported.addAll(s.names()));
        assertThat(exported).containsAll(needed);
    }

    private static Set<String> sequences(Map<String, Exposition> scrapes) {
        Set<String> increments = new TreeSet<>();
        scrapes.values().forEach(s -> s.named("kafka_connect_plugin_sequence_position")
                .forEach(p -> increments.add(p.label("increment"))));
        return increments;
    }

    private static Map<String, Exposition> scrapeAll() {
        Map<String, Exposition> scrapes = new java.util.LinkedHashMap<>();
        cluster.runningWorkers().forEach(w -> scrapes.put(w.name(), scrape(w)));
        return scrapes;
    }

    private static Exposition scrape(ConnectWorker worker) {
        String url = worker.metrics().orElseThrow().url();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(SCRAPE_TIMEOUT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
            return Exposition.parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot scrape " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted scraping " + url, e);
        }
    }
}
