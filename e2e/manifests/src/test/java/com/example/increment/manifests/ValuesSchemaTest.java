package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * values.schema.json rejects what Strimzi would take badly: keys it silently drops from spec.config, wrong types,
 * bad enums, too few workers, unknown values. Helm enforces the schema; each message names the value.
 */
class ValuesSchemaTest {

    private static HelmChart helm;

    @BeforeAll
    static void setUp() {
        helm = new HelmChart(ManifestProject.fromSystemProperties());
    }

    private static String rejection(Map<String, Object> sets) {
        try {
            helm.template("bad values", sets);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("Helm accepted " + sets);
    }

    /** Strimzi's own list of the spec.config prefixes it drops with only a WARN in the operator log. */
    static Stream<String> forbiddenWorkerKeys() {
        return DroppedConfig.KAFKA_CONNECT.sampleKeys().stream();
    }

    static Stream<String> allowedSslKeys() {
        return DroppedConfig.KAFKA_CONNECT.exceptions().stream();
    }

    static Stream<String> forbiddenBrokerKeys() {
        return DroppedConfig.KAFKA_BROKER.sampleKeys().stream();
    }

    static Stream<String> allowedBrokerKeys() {
        return DroppedConfig.KAFKA_BROKER.exceptions().stream();
    }

    static Stream<String> keysSetElsewhere() {
        return Stream.concat(DroppedConfig.KAFKA_CONNECTOR.forbidden().stream(),
                Stream.of("increments", "topic.prefix", "records.per.second", "batch.size"));
    }

    @ParameterizedTest
    @MethodSource("forbiddenBrokerKeys")
    void brokerConfigKeysStrimziDropsAreRejected(String key) {
        assertThat(rejection(Map.of("kafka.config." + escaped(key), "x")))
                .contains("at '/kafka/config/" + key + "'")
                .contains("Strimzi manages this key itself and silently drops it");
    }

    @ParameterizedTest
    @MethodSource("allowedBrokerKeys")
    void brokerKeysStrimziLetsThroughAreAccepted(String key) {
        Rendered rendered = helm.template("broker exception", Map.of("kafka.config." + escaped(key), "1"));
        assertThat(rendered.only("Kafka").path("spec").path("kafka").path("config").has(key)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("forbiddenWorkerKeys")
    void workerConfigKeysStrimziDropsAreRejected(String key) {
        assertThat(rejection(Map.of("connect.config." + escaped(key), "x")))
                .contains("at '/connect/config/" + key + "'")
                .contains("Strimzi manages this key itself and silently drops it");
    }

    @ParameterizedTest
    @MethodSource("allowedSslKeys")
    void theSslKeysStrimziLetsThroughAreAccepted(String key) {
        Rendered rendered = helm.template("ssl exception", Map.of("connect.config." + escaped(key), "TLSv1.3"));
        assertThat(rendered.only("KafkaConnect").path("spec").path("config").path(key).asText()).isEqualTo("TLSv1.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssl.keystore.location", "ssl.protocolx", "ssl.cipher.suites.extra", "ssl."})
    void otherSslKeysAreRejected(String key) {
        assertThat(rejection(Map.of("connect.config." + escaped(key), "x"))).contains("at '/connect/config/" + key + "'");
    }

    @ParameterizedTest
    @MethodSource("keysSetElsewhere")
    void connectorConfigKeysSetElsewhereAreRejected(String key) {
        assertThat(rejection(Map.of("connector.config." + escaped(key), "x")))
                .contains("at '/connector/config/" + key + "'")
                .contains("Strimzi sets name, connector.class and tasks.max");
    }

    @Test
    void fewerThanTwoWorkersAreRejected() {
        assertThat(rejection(Map.of("connect.replicas", 1))).contains("/connect/replicas").contains("minimum: got 1, want 2");
    }

    @Test
    void aWrongTypeIsRejected() {
        assertThat(rejection(Map.of("kafka.replicas", "three"))).contains("/kafka/replicas").contains("got string, want integer");
    }

    @Test
    void badEnumsAreRejected() {
        assertThat(rejection(Map.of("security.authentication", "plain"))).contains("/security/authentication")
                .contains("'tls', 'scram-sha-512', 'none'");
        assertThat(rejection(Map.of("connector.state", "sleeping"))).contains("/connector/state").contains("'running'");
        assertThat(rejection(Map.of("kafka.storage.type", "jbod"))).contains("/kafka/storage/type").contains("'persistent-claim'");
        assertThat(rejection(Map.of("kafka.version", "3.9.0"))).contains("/kafka/version").contains("'4.3.1'");
        assertThat(rejection(Map.of("connect.config.exactly\\.once\\.source\\.support", "on")))
                .contains("exactly.once.source.support").contains("'enabled'");
    }

    @Test
    void anUnknownValueIsRejected() {
        assertThat(rejection(Map.of("connect.replica", 3))).contains("/connect").contains("'replica' not allowed");
        assertThat(rejection(Map.of("kafkaa.enabled", false))).contains("'kafkaa' not allowed");
    }

    @Test
    void badIncrementsAreRejected() {
        assertThat(rejection(Map.of("connector.increments", "0"))).contains("/connector/increments");
        assertThat(rejection(Map.of("connector.increments", "one,two"))).contains("/connector/increments");
        assertThat(rejection(Map.of("connector.tasksMax", 0))).contains("/connector/tasksMax").contains("minimum");
    }

    @Test
    void anExternalKafkaNeedsBootstrapServers() {
        assertThat(rejection(Map.of("kafka.enabled", false))).contains("/connect/bootstrapServers").contains("minLength");
    }

    @Test
    void aBadSizeOrJvmOptionIsRejected() {
        assertThat(rejection(Map.of("kafka.storage.size", "lots"))).contains("/kafka/storage/size");
        assertThat(rejection(Map.of("connect.jvmOptions.-Xmx", "1 GB"))).contains("/connect/jvmOptions/-Xmx");
    }

    private static String escaped(String key) {
        return key.replace(".", "\\.");
    }

    @Test
    void withoutTheCrdsInstallFailsEarlyWithAMessage() {
        assertThatThrownBy(() -> helm.template("CRD check on", Map.of("crdCheck.enabled", true)))
                .hasMessageContaining("The cluster has no kafka.strimzi.io/v1 Kafka")
                .hasMessageContaining("strimzi-kafka-operator --version " + System.getProperty("strimzi.version"))
                .hasMessageContaining("crdCheck.enabled=false");
    }

    @Test
    void withTheCheckOffEverythingRenders() {
        assertThat(helm.template("CRD check off", Map.of("crdCheck.enabled", false)).documents()).isNotEmpty();
    }
}
