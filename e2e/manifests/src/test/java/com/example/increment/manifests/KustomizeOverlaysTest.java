package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The overlays change only what they say, and a namePrefix keeps every reference between the CRs intact. */
class KustomizeOverlaysTest {

    private static Kustomize kustomize;

    @BeforeAll
    static void setUp() {
        kustomize = new Kustomize(ManifestProject.fromSystemProperties());
    }

    @Test
    void prodIsThreePersistentNodesThreeWorkersAndExactlyOnce() {
        Rendered prod = kustomize.build("overlays/prod");
        JsonNode pool = prod.only("KafkaNodePool").path("spec");
        assertThat(pool.path("replicas").asInt()).isEqualTo(3);
        assertThat(pool.path("storage").path("volumes").get(0).path("type").asText()).isEqualTo("persistent-claim");
        JsonNode kafkaConfig = prod.only("Kafka").path("spec").path("kafka").path("config");
        assertThat(kafkaConfig.path("transaction.state.log.replication.factor").asInt()).isEqualTo(3);
        assertThat(kafkaConfig.path("transaction.state.log.min.isr").asInt()).isEqualTo(2);
        JsonNode connect = prod.only("KafkaConnect").path("spec");
        assertThat(connect.path("replicas").asInt()).isEqualTo(3);
        assertThat(connect.path("config").path("exactly.once.source.support").asText()).isEqualTo("enabled");
        JsonNode connector = prod.only("KafkaConnector").path("spec");
        assertThat(connector.path("tasksMax").asInt()).isEqualTo(4);
        assertThat(connector.path("config").path("increments").asText()).isEqualTo("1,10,100,1000");
        assertThat(connector.path("config").path("exactly.once.support").asText()).isEqualTo("required");
        assertThat(connector.path("config").path("topic.prefix").asText()).as("unpatched keys stay").isEqualTo("seq_");
    }

    @Test
    void devIsTheBaseWithItsPodMonitorAndPrometheusRule() {
        Rendered base = kustomize.build("base");
        Rendered dev = kustomize.build("overlays/dev");
        assertThat(dev.documents()).hasSize(base.documents().size());
        assertThat(dev.only("PodMonitor").path("spec").path("selector").path("matchLabels").path("strimzi.io/cluster")
                .asText()).as("the PodMonitor selects the KafkaConnect's pods").isEqualTo(Rendered.name(dev.only("KafkaConnect")));
        assertThat(dev.find("PrometheusRule")).isPresent();
        assertThat(dev.only("KafkaConnector")).isEqualTo(base.only("KafkaConnector"));
        assertThat(dev.only("Kafka")).isEqualTo(base.only("Kafka"));
    }

    @Test
    void aNamePrefixRenamesTheReferencesToo() {
        Rendered prefixed = kustomize.build("examples/name-prefix");
        String kafka = Rendered.name(prefixed.only("Kafka"));
        String connect = Rendered.name(prefixed.only("KafkaConnect"));
        assertThat(kafka).isEqualTo("team-a-increment");
        assertThat(prefixed.only("KafkaConnector").path("metadata").path("labels").path("strimzi.io/cluster").asText())
                .as("the KafkaConnector's strimzi.io/cluster label (nameReference)").isEqualTo(connect);
        assertThat(prefixed.only("KafkaNodePool").path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(kafka);
        assertThat(prefixed.ofKind("KafkaUser")).allSatisfy(user ->
                assertThat(user.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(kafka));
        JsonNode spec = prefixed.only("KafkaConnect").path("spec");
        assertThat(spec.path("bootstrapServers").asText()).isEqualTo(kafka + "-kafka-bootstrap:9093");
        assertThat(spec.path("tls").path("trustedCertificates").get(0).path("secretName").asText()).isEqualTo(kafka + "-cluster-ca-cert");
        assertThat(spec.path("authentication").path("certificateAndKey").path("secretName").asText()).isEqualTo("team-a-increment-connect");
        assertThat(spec.path("metricsConfig").path("valueFrom").path("configMapKeyRef").path("name").asText())
                .isEqualTo(Rendered.name(prefixed.only("ConfigMap")));
    }
}
