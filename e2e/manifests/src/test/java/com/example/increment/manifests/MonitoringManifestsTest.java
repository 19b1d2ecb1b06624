package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The chart's PodMonitor scrapes the KafkaConnect's pods as the alerts expect, its PrometheusRule is the plain rules
 * file with the stall threshold computed from the worker settings, and the opt-in dashboard reaches Grafana's sidecar.
 */
class MonitoringManifestsTest {

    private static final String STALLED = "IncrementSequenceStalled";
    private static final String DELAY = "connect.config.scheduled\\.rebalance\\.max\\.delay\\.ms";
    private static final String SESSION = "connect.config.session\\.timeout\\.ms";
    private static ManifestProject project;
    private static HelmChart helm;

    @BeforeAll
    static void setUp() {
        project = ManifestProject.fromSystemProperties();
        helm = new HelmChart(project);
    }

    @Test
    void defaultsScrapeEveryWorkerOfTheKafkaConnectAsTheJobTheRulesRead() {
        Rendered rendered = helm.template("defaults");
        JsonNode monitor = rendered.only("PodMonitor").path("spec");
        assertThat(monitor.path("selector").path("matchLabels").path("strimzi.io/cluster").asText())
                .as("the pods of the KafkaConnect").isEqualTo(Rendered.name(rendered.only("KafkaConnect")));
        assertThat(monitor.path("selector").path("matchLabels").path("strimzi.io/kind").asText()).isEqualTo("KafkaConnect");
        JsonNode endpoint = monitor.path("podMetricsEndpoints").get(0);
        assertThat(endpoint.path("port").asText()).as("Strimzi's metrics port name").isEqualTo("tcp-prometheus");
        assertThat(endpoint.path("interval").asText()).isEqualTo("30s");
        JsonNode relabel = endpoint.path("relabelings").get(0);
        assertThat(relabel.path("targetLabel").asText()).isEqualTo("job");
        String job = relabel.path("replacement").asText();
        for (JsonNode rule : rules(rendered)) {
            assertThat(rule.path("expr").asText()).as("%s reads the PodMonitor's job", rule.path("alert").asText())
                    .contains("job=\"" + job + "\"");
        }
        assertThat(rendered.find("ConfigMap").map(Rendered::name)).as("no dashboard by default")
                .contains("increment-connect-metrics");
    }

    @Test
    void withTheDelayThePlainFileIsWrittenForThePrometheusRuleCarriesItAsItIs() {
        JsonNode plain = Yaml.read(project.helmDir().resolve("files/prometheus-rules.yml"));
        // The plain file holds for rebalance delays up to 60 s; the chart computes its threshold (20 s at its 0).
        JsonNode rendered = helm.template("delay 60 s", Map.of(DELAY, "60000")).only("PrometheusRule").path("spec");
        assertThat(rendered).as("spec of the rendered PrometheusRule at a 60 s delay vs files/prometheus-rules.yml "
                + "(update its threshold and `for` there when what they assume changes)").isEqualTo(plain);
    }

    @ParameterizedTest(name = "session {0} ms, rebalance delay {1} ms, scrape {2}: threshold {3} s")
    @CsvSource({"-, 60000, 30s, 80", "-, 0, 30s, 20", "-, 10000, 15s, 30", "30000, 60000, 1m, 100",
            "-, -, 30s, 320"})
    void theStallThresholdIsTheFailoverTimeOfTheWorkerSettings(String session, String delay, String interval,
                                                               long threshold) {
        Map<String, Object> sets = new java.util.HashMap<>(Map.of("connect.metrics.podMonitor.interval", interval,
                DELAY, delay.equals("-") ? "null" : delay));
        if (!session.equals("-")) {
            sets.put(SESSION, session);
        }
        JsonNode stalled = rules(helm.template("delay " + delay, sets)).stream()
                .filter(r -> r.path("alert").asText().equals(STALLED)).findFirst().orElseThrow();
        assertThat(stalled.path("expr").asText().strip()).endsWith("> " + threshold);
        assertThat(stalled.path("for").asText()).isEqualTo(interval);
        String plain = StreamSupport.stream(Yaml.read(project.helmDir().resolve("files/prometheus-rules.yml"))
                .path("groups").get(0).path("rules").spliterator(), false)
                .filter(r -> r.path("alert").asText().equals(STALLED)).findFirst().orElseThrow().path("expr").asText();
        assertThat(stalled.path("expr").asText().replaceAll("> " + threshold + "\\s*$", "> 80\n"))
                .as("only the threshold changed").isEqualTo(plain);
    }

    @Test
    void monitoringObjectsFollowTheirSwitchesAndMetrics() {
        Rendered off = helm.template("metrics off", Map.of("connect.metrics.enabled", false));
        assertThat(off.find("PodMonitor")).isEmpty();
        assertThat(off.find("PrometheusRule")).isEmpty();
        assertThat(off.find("ConfigMap")).isEmpty();
        Rendered dashboardWithoutMetrics = helm.template("dashboard, metrics off", Map.of("connect.metrics.enabled",
                false, "connect.metrics.dashboard.enabled", true));
        assertThat(dashboardWithoutMetrics.find("ConfigMap")).isEmpty();
        Rendered operatorless = helm.template("no operator", Map.of("connect.metrics.podMonitor.enabled", false,
                "connect.metrics.prometheusRule.enabled", false));
        assertThat(operatorless.find("PodMonitor")).isEmpty();
        assertThat(operatorless.find("PrometheusRule")).isEmpty();
        assertThat(operatorless.only("KafkaConnect").path("spec").has("metricsConfig")).isTrue();
    }

    @Test
    void theDashboardIsAConfigMapThatGrafanasSidecarPicksUp() throws IOException {
        Rendered rendered = helm.template("monitoring", helm.ciValues("monitoring-values.yaml"));
        ObjectNode dashboard = rendered.ofKind("ConfigMap").stream()
                .filter(c -> Rendered.name(c).equals("increment-connect-dashboard")).findFirst().orElseThrow();
        assertThat(dashboard.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        assertThat(dashboard.path("metadata").path("annotations").path("grafana_folder").asText()).isEqualTo("Kafka");
        ObjectMapper json = new ObjectMapper();
        JsonNode shipped = json.readTree(dashboard.path("data").path("increment-connect.json").asText());
        assertThat(shipped).isEqualTo(json.readTree(Files.readString(
                project.helmDir().resolve("files/grafana-dashboard.json"))));
        assertThat(rendered.only("PodMonitor").path("metadata").path("labels").path("release").asText())
                .isEqualTo("prometheus");
        assertThat(rendered.only("PrometheusRule").path("metadata").path("labels").path("release").asText())
                .isEqualTo("prometheus");
    }

    @Test
    void theDashboardsStallPanelShowsWhatTheAlertCompares() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(
                project.helmDir().resolve("files/grafana-dashboard.json")));
        String panel = StreamSupport.stream(dashboard.path("panels").spliterator(), false)
                .filter(p -> p.path("title").asText().startsWith("Seconds since")).findFirst().orElseThrow()
                .path("targets").get(0).path("expr").asText();
        String alert = rules(helm.template("defaults")).stream().filter(r -> r.path("alert").asText().equals(STALLED))
                .findFirst().orElseThrow().path("expr").asText();
        assertThat(normalized(panel.replace(", namespace=~\"$namespace\"", "")))
                .isEqualTo(normalized(alert.substring(0, alert.lastIndexOf('>'))));
    }

    @Test
    void everyAlertTellsWhatToRunNext() {
        for (JsonNode rule : rules(helm.template("defaults"))) {
            String name = rule.path("alert").asText();
            assertThat(name).startsWith("Increment");
            assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("critical", "warning");
            assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).as(name).contains("Next:")
                    .containsPattern("`(kubectl|curl) [^`]+`");
        }
    }

    private static List<JsonNode> rules(Rendered rendered) {
        return StreamSupport.stream(rendered.only("PrometheusRule").path("spec").path("groups").spliterator(), false)
                .flatMap(g -> StreamSupport.stream(g.path("rules").spliterator(), false)).toList();
    }

    private static String normalized(String promql) {
        return promql.replaceAll("\\s+", "");
    }
}
