package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.LintResult;

/** The chart lints clean, agrees with the build, and renders what each values set promises. */
class HelmChartTest {

    private static ManifestProject project;
    private static HelmChart helm;

    @BeforeAll
    static void setUp() {
        project = ManifestProject.fromSystemProperties();
        helm = new HelmChart(project);
    }

    @Test
    void lintStrictPasses() {
        LintResult result = helm.lintStrict();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void installWithoutTheStrimziCrdsStopsWithAMessage() {
        assertThatThrownBy(() -> helm.installDryRun(Map.of()))
                .hasMessageContaining("The cluster has no kafka.strimzi.io/v1")
                .hasMessageContaining("install the Strimzi " + System.getProperty("strimzi.version") + " operator first")
                .hasMessageContaining("crdCheck.enabled=false");
    }

    @Test
    void installNotesTellTheNextCommands() {
        String output = helm.installDryRun(Map.of("crdCheck.enabled", false)).getOutput();
        assertThat(output.substring(output.indexOf("NOTES:")))
                .contains("kubectl -n increment get kafkaconnect,kafkaconnector -w")
                .contains("kubectl -n increment scale kafkaconnect increment --replicas=3")
                .contains("kubectl -n increment edit kafkaconnector increment-source")
                .contains("helm test increment -n increment --logs")
                .contains("alerts when a sequence stalls longer than 20 s")
                .contains("kubectl -n increment get podmonitor,prometheusrule increment-connect");
    }

    @Test
    void installNotesPointAtTheSchemaRegistryWhenItIsOn() {
        String output = helm.installDryRun(Map.of("crdCheck.enabled", false, "schemaRegistry.enabled", true)).getOutput();
        assertThat(output.substring(output.indexOf("NOTES:")))
                .contains("Apicurio Registry increment-schema-registry (memory storage)")
                .contains("port-forward svc/increment-schema-registry 8080:8080")
                .contains("/apis/ccompat/v7/subjects/seq_1-value/versions/latest");
        String withoutRegistry = helm.installDryRun(Map.of("crdCheck.enabled", false)).getOutput();
        assertThat(withoutRegistry.substring(withoutRegistry.indexOf("NOTES:"))).doesNotContain("Apicurio");
    }

    @Test
    void appVersionIsTheConnectorVersion() {
        JsonNode chart = Yaml.read(project.helmDir().resolve("Chart.yaml"));
        assertThat(chart.path("appVersion").asText()).isEqualTo(project.version());
        assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
        assertThat(chart.path("kubeVersion").asText()).isEqualTo(">=1.30.0-0");
    }

    @Test
    void defaultImageIsTheImageTheBuildMakes() {
        assertThat(Yaml.read(project.helmDir().resolve("values.yaml")).path("connect").path("image").asText())
                .as("helm/values.yaml connect.image vs the pom's increment.image").isEqualTo(project.image());
        assertThat(helm.template("defaults").only("KafkaConnect").path("spec").path("image").asText()).isEqualTo(project.image());
        ObjectNode baseConnect = new Kustomize(project).build("base").only("KafkaConnect");
        assertThat(baseConnect.path("spec").path("image").asText())
                .as("k8s/base KafkaConnect spec.image vs the pom's increment.image").isEqualTo(project.image());
        String tag = project.image().substring(project.image().lastIndexOf(':') + 1);
        assertThat(new Kustomize(project).build("overlays/dev").only("KafkaConnect").path("spec").path("image").asText())
                .endsWith(":" + tag);
    }

    @Test
    void defaultsAreASecuredDevClusterWithTwoWorkers() {
        Rendered rendered = helm.templateWithTests("defaults", Map.of());
        JsonNode kafka = rendered.only("Kafka").path("spec").path("kafka");
        JsonNode listener = kafka.path("listeners").get(0);
        assertThat(listener.path("tls").asBoolean()).isTrue();
        assertThat(listener.path("authentication").path("type").asText()).isEqualTo("tls");
        assertThat(kafka.path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(kafka.path("config").path("transaction.state.log.replication.factor").asInt()).isEqualTo(1);
        assertThat(kafka.path("config").path("transaction.state.log.min.isr").asInt()).isEqualTo(1);
        assertThat(rendered.only("KafkaNodePool").path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(texts(rendered.only("KafkaNodePool").path("spec").path("roles"))).containsExactly("controller", "broker");

        JsonNode connect = rendered.only("KafkaConnect").path("spec");
        assertThat(connect.path("replicas").asInt()).isEqualTo(2);
        assertThat(connect.path("bootstrapServers").asText()).isEqualTo("increment-kafka-bootstrap:9093");
        assertThat(connect.path("authentication").path("certificateAndKey").path("secretName").asText()).isEqualTo("increment-connect");
        assertThat(connect.path("config").path("exactly.once.source.support").asText()).isEqualTo("disabled");
        assertThat(connect.path("config").has("scheduled.rebalance.max.delay.ms")).isTrue();
        assertThat(connect.path("config").has("offset.flush.interval.ms")).isTrue();
        assertThat(connect.path("metricsConfig").path("valueFrom").path("configMapKeyRef").path("name").asText())
                .isEqualTo(Rendered.name(rendered.only("ConfigMap")));

        JsonNode connector = rendered.only("KafkaConnector").path("spec");
        assertThat(connector.path("tasksMax").asInt()).isEqualTo(2);
        assertThat(connector.path("config").path("increments").asText()).isEqualTo("1,100");
        assertThat(connector.path("config").path("topic.prefix").asText()).isEqualTo("seq_");

        assertThat(rendered.ofKind("KafkaUser")).extracting(Rendered::name).containsExactly("increment-connect", "increment-reader");
        assertThat(rendered.only("Job").path("spec").path("template").path("spec").path("volumes").toString())
                .contains("increment-reader").contains("increment-cluster-ca-cert");
    }

    @Test
    void theConnectUserMayUseOnlyItsGroupItsTopicsAndTheSequences() {
        ObjectNode user = helm.template("defaults").ofKind("KafkaUser").get(0);
        List<String> resources = StreamSupport.stream(user.path("spec").path("authorization").path("acls").spliterator(), false)
                .map(acl -> acl.path("resource").path("type").asText() + ":" + acl.path("resource").path("patternType").asText()
                        + ":" + acl.path("resource").path("name").asText())
                .toList();
        assertThat(resources).containsExactlyInAnyOrder(
                "group:literal:increment-connect",
                "topic:literal:increment-connect-configs",
                "topic:literal:increment-connect-offsets",
                "topic:literal:increment-connect-status",
                "topic:prefix:seq_",
                "transactionalId:prefix:increment-connect",
                "transactionalId:literal:connect-cluster-increment-connect");
    }

    @Test
    void threeBrokersGetReplicationThreeAndMinIsrTwo() {
        Rendered rendered = helm.template("3 brokers", helm.ciValues("three-brokers-values.yaml"));
        JsonNode config = rendered.only("Kafka").path("spec").path("kafka").path("config");
        assertThat(config.path("transaction.state.log.replication.factor").asInt()).isEqualTo(3);
        assertThat(config.path("transaction.state.log.min.isr").asInt()).isEqualTo(2);
        assertThat(config.path("min.insync.replicas").asInt()).isEqualTo(2);
        JsonNode volume = rendered.only("KafkaNodePool").path("spec").path("storage").path("volumes").get(0);
        assertThat(volume.path("type").asText()).isEqualTo("persistent-claim");
        assertThat(volume.path("size").asText()).isEqualTo("50Gi");
        assertThat(volume.path("kraftMetadata").asText()).isEqualTo("shared");
    }

    @Test
    void anExistingKafkaIsUsedWithoutDeployingOne() {
        Rendered rendered = helm.template("external", helm.ciValues("external-kafka-values.yaml"));
        assertThat(rendered.find("Kafka")).isEmpty();
        assertThat(rendered.find("KafkaNodePool")).isEmpty();
        JsonNode connect = rendered.only("KafkaConnect").path("spec");
        assertThat(connect.path("bootstrapServers").asText()).isEqualTo("shared-kafka-bootstrap:9093");
        assertThat(connect.path("tls").path("trustedCertificates").get(0).path("secretName").asText()).isEqualTo("shared-cluster-ca-cert");
        assertThat(rendered.ofKind("KafkaUser")).allSatisfy(u ->
                assertThat(u.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("shared"));
    }

    @Test
    void securityOffIsAPlainListenerWithoutUsers() {
        Rendered rendered = helm.template("insecure", helm.ciValues("insecure-values.yaml"));
        JsonNode listener = rendered.only("Kafka").path("spec").path("kafka").path("listeners").get(0);
        assertThat(listener.path("tls").asBoolean()).isFalse();
        assertThat(listener.has("authentication")).isFalse();
        assertThat(rendered.ofKind("KafkaUser")).isEmpty();
        JsonNode connect = rendered.only("KafkaConnect").path("spec");
        assertThat(connect.path("bootstrapServers").asText()).endsWith(":9092");
        assertThat(connect.has("authentication")).isFalse();
        assertThat(connect.has("tls")).isFalse();
    }

    @Test
    void scramUsesThePasswordSecret() {
        Rendered rendered = helm.template("scram", helm.ciValues("scram-values.yaml"));
        JsonNode auth = rendered.only("KafkaConnect").path("spec").path("authentication");
        assertThat(auth.path("type").asText()).isEqualTo("scram-sha-512");
        assertThat(auth.path("passwordSecret").path("secretName").asText()).isEqualTo("increment-connect");
        assertThat(rendered.ofKind("KafkaUser")).allSatisfy(u ->
                assertThat(u.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512"));
    }

    @Test
    void strimziBuildReplacesTheImage() {
        JsonNode connect = helm.template("build", helm.ciValues("strimzi-build-values.yaml")).only("KafkaConnect").path("spec");
        assertThat(connect.has("image")).isFalse();
        JsonNode artifact = connect.path("build").path("plugins").get(0).path("artifacts").get(0);
        assertThat(artifact.path("type").asText()).isEqualTo("zip");
        assertThat(artifact.path("url").asText()).endsWith("increment-source-connector-" + project.version() + ".zip");
        assertThat(connect.path("build").path("output").path("type").asText()).isEqualTo("docker");
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
