package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JMX exporter rules of the Connect workers export the connector's own plugin metrics (KIP-877), as the
 * exporter sees them: "domain<key=value, ...><>attribute", the first matching rule wins.
 */
class MetricsRulesTest {

    private final List<JsonNode> ruleList;

    MetricsRulesTest() {
        Rendered rendered = new HelmChart(ManifestProject.fromSystemProperties()).template("defaults");
        String config = rendered.only("ConfigMap").path("data").path("metrics-config.yml").asText();
        ruleList = StreamSupport.stream(Yaml.documents(config).get(0).path("rules").spliterator(), false).toList();
    }

    private Optional<JsonNode> firstMatch(String bean) {
        return ruleList.stream().filter(rule -> Pattern.compile(rule.path("pattern").asText()).matcher(bean).matches()).findFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "kafka.connect<type=plugins, connector=increment-source, task=0, increment=100><>sequence-position",
            "kafka.connect<type=plugins, connector=increment-source, task=0, increment=100><>sequence-last-record-timestamp",
            "kafka.connect<type=plugins, connector=increment-source, task=1><>records-emitted-total",
            "kafka.connect<type=plugins, connector=increment-source, task=1><>records-emitted-rate",
            "kafka.connect<type=plugins, connector=increment-source, task=1><>records-unacknowledged"})
    void theConnectorsPluginMetricsAreExported(String bean) {
        JsonNode rule = firstMatch(bean).orElseThrow(() -> new AssertionError("no rule exports " + bean));
        assertThat(rule.path("name").asText()).startsWith("kafka_connect_plugin_");
        assertThat(rule.path("labels").has("connector")).isTrue();
        assertThat(rule.path("labels").has("task")).isTrue();
    }

    @Test
    void aSequencesLastRecordTimeIsExportedInSeconds() {
        JsonNode rule = firstMatch("kafka.connect<type=plugins, connector=c, task=0, increment=100><>"
                + "sequence-last-record-timestamp").orElseThrow();
        assertThat(rule.path("name").asText()).isEqualTo("kafka_connect_plugin_sequence_last_record_timestamp_seconds");
        assertThat(rule.path("valueFactor").asDouble()).isEqualTo(0.001);
        assertThat(rule.path("labels").path("increment").asText()).isEqualTo("$3");
    }

    /** Settings the exporter reads in 1.0.1 (the local workers' agent) and 1.6.0 (Strimzi 1.2's image) alike. */
    @Test
    void theRulesUseOnlySettingsBothExporterVersionsRead() {
        JsonNode config = Yaml.read(ManifestProject.fromSystemProperties().helmDir().resolve("files/connect-metrics.yml"));
        assertThat(config.properties()).extracting(java.util.Map.Entry::getKey)
                .containsOnly("lowercaseOutputName", "lowercaseOutputLabelNames", "rules");
        for (JsonNode rule : ruleList) {
            assertThat(rule.properties()).extracting(java.util.Map.Entry::getKey)
                    .isSubsetOf("pattern", "name", "labels", "help", "type", "value", "valueFactor");
        }
    }

    @Test
    void aSequenceKeepsItsIncrementLabel() {
        JsonNode rule = firstMatch("kafka.connect<type=plugins, connector=c, task=0, increment=-7><>sequence-position").orElseThrow();
        assertThat(rule.path("labels").path("increment").asText()).isEqualTo("$3");
        assertThat(rule.path("type").asText()).isEqualTo("GAUGE");
    }

    @Test
    void totalsAreCounters() {
        assertThat(firstMatch("kafka.connect<type=plugins, connector=c, task=0><>records-emitted-total").orElseThrow()
                .path("type").asText()).isEqualTo("COUNTER");
    }

    @Test
    void theWorkersOwnMetricsStillAre() {
        assertThat(firstMatch("kafka.connect<type=connect-worker-metrics><>task-count")).isPresent();
        assertThat(firstMatch("kafka.connect<type=source-task-metrics, connector=c, task=0><>source-record-poll-total")).isPresent();
    }
}
