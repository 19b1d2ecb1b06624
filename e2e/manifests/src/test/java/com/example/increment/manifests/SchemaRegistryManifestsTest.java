package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * schemaRegistry.enabled: Apicurio Registry's Deployment and Service, its storage (memory or kafkasql, with its own
 * KafkaUser when security is on), and KafkaConnect's value converter pointed at it; bad values rejected by the schema.
 */
class SchemaRegistryManifestsTest {

    private static final String REGISTRY = "increment-schema-registry";
    private static final String CONVERTER = "com.example.increment.avro.RegistryAvroConverter";

    private static HelmChart helm;
    private static Kustomize kustomize;

    @BeforeAll
    static void setUp() {
        ManifestProject project = ManifestProject.fromSystemProperties();
        helm = new HelmChart(project);
        kustomize = new Kustomize(project);
    }

    @Test
    void offByDefaultAndTheValuesStayJson() {
        Rendered rendered = helm.template("defaults");
        assertThat(rendered.find("Deployment")).isEmpty();
        assertThat(rendered.find("Service")).isEmpty();
        assertThat(rendered.only("KafkaConnect").path("spec").path("config").path("value.converter").asText())
                .isEqualTo("org.apache.kafka.connect.json.JsonConverter");
        assertThat(kustomize.build("overlays/dev").find("Deployment")).as("dev overlay stays JSON").isEmpty();
    }

    @Test
    void inMemoryRegistryWithProbesLeastPrivilegeAndAService() {
        Rendered rendered = helm.template("registry in memory", helm.ciValues("schema-registry-values.yaml"));
        ObjectNode deployment = rendered.only("Deployment");
        assertThat(Rendered.name(deployment)).isEqualTo(REGISTRY);
        assertThat(deployment.path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText()).isEqualTo("Helm");
        assertThat(deployment.path("metadata").path("labels").path("app.kubernetes.io/component").asText()).isEqualTo("schema-registry");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("image").asText()).isEqualTo("quay.io/apicurio/apicurio-registry:" + System.getProperty("apicurio-registry.version"));
        assertThat(env(container)).containsEntry("APICURIO_STORAGE_KIND", "sql").doesNotContainKey("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS");
        assertThat(ports(container)).containsEntry("http", 8080).containsEntry("management", 9000);
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(container.path(probe).path("httpGet").path("port").asText()).as(probe).isEqualTo("management");
        }
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("512Mi");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.path("volumeMounts").get(0).path("mountPath").asText()).as("writable /tmp").isEqualTo("/tmp");

        ObjectNode service = rendered.only("Service");
        assertThat(Rendered.name(service)).isEqualTo(REGISTRY);
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(8080);
        JsonNode selector = service.path("spec").path("selector");
        assertThat(selector).isEqualTo(deployment.path("spec").path("selector").path("matchLabels"));
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        selector.properties().forEach(label -> assertThat(podLabels.path(label.getKey())).as("pod label " + label.getKey())
                .isEqualTo(label.getValue()));
        assertThat(rendered.ofKind("KafkaUser")).extracting(Rendered::name).doesNotContain(REGISTRY);
        assertAvroThroughTheRegistry(rendered);
    }

    @Test
    void kafkasqlOnTheSecuredClusterUsesItsOwnTlsUser() {
        Rendered rendered = helm.template("prod-like", helm.exampleValues("prod-values.yaml"));
        ObjectNode deployment = rendered.only("Deployment");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        Map<String, String> env = env(container);
        assertThat(env).containsEntry("APICURIO_STORAGE_KIND", "kafkasql")
                .containsEntry("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS", "increment-kafka-bootstrap:9093")
                .containsEntry("APICURIO_KAFKASQL_SECURITY_PROTOCOL", "SSL")
                .containsEntry("APICURIO_KAFKASQL_SECURITY_SSL_KEYSTORE_LOCATION", "/etc/kafka-user/user.p12")
                .containsEntry("APICURIO_KAFKASQL_SECURITY_SSL_TRUSTSTORE_LOCATION", "/etc/kafka-ca/ca.p12");
        String volumes = deployment.path("spec").path("template").path("spec").path("volumes").toString();
        assertThat(volumes).contains("increment-cluster-ca-cert").contains(REGISTRY);

        ObjectNode user = rendered.ofKind("KafkaUser").stream().filter(u -> Rendered.name(u).equals(REGISTRY)).findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaUser " + REGISTRY));
        assertThat(user.path("spec").path("authentication").path("type").asText()).isEqualTo("tls");
        assertThat(user.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("increment");
        List<String> resources = StreamSupport.stream(user.path("spec").path("authorization").path("acls").spliterator(), false)
                .map(acl -> acl.path("resource").path("type").asText() + ":" + acl.path("resource").path("name").asText())
                .toList();
        assertThat(resources).containsExactlyInAnyOrder("topic:kafkasql-journal", "topic:kafkasql-snapshots",
                "topic:registry-events", "group:apicurio-");
        assertAvroThroughTheRegistry(rendered);
        assertThat(kustomize.build("overlays/prod").only("Deployment").path("spec").path("template").path("spec")
                .path("containers").get(0).path("env").toString()).as("prod overlay").contains("kafkasql");
    }

    @Test
    void kafkasqlWithSecurityOffUsesThePlainListenerWithoutAUser() {
        Rendered rendered = helm.template("kafkasql insecure",
                Map.of("schemaRegistry.enabled", true, "schemaRegistry.storage", "kafkasql", "security.authentication", "none"));
        Map<String, String> env = env(rendered.only("Deployment").path("spec").path("template").path("spec").path("containers").get(0));
        assertThat(env).containsEntry("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS", "increment-kafka-bootstrap:9092")
                .doesNotContainKey("APICURIO_KAFKASQL_SECURITY_PROTOCOL");
        assertThat(rendered.ofKind("KafkaUser")).isEmpty();
    }

    @Test
    void userConverterSettingsGiveWayAndExtraEnvIsAppended() {
        Rendered rendered = helm.template("registry with overrides", Map.of("schemaRegistry.enabled", true,
                "connect.config.value\\.converter", "org.example.Other",
                "schemaRegistry.env[0].name", "APICURIO_KAFKASQL_SNAPSHOT_EVERY_SECONDS", "schemaRegistry.env[0].value", "3600s"));
        assertThat(rendered.only("KafkaConnect").path("spec").path("config").path("value.converter").asText()).isEqualTo(CONVERTER);
        assertThat(env(rendered.only("Deployment").path("spec").path("template").path("spec").path("containers").get(0)))
                .containsEntry("APICURIO_KAFKASQL_SNAPSHOT_EVERY_SECONDS", "3600s");
    }

    @Test
    void badValuesAreRejectedWithTheirName() {
        assertThat(rejection(Map.of("schemaRegistry.storage", "disk"))).contains("/schemaRegistry/storage").contains("'kafkasql'");
        assertThat(rejection(Map.of("schemaRegistry.replicas", 0))).contains("/schemaRegistry/replicas").contains("minimum");
        assertThat(rejection(Map.of("schemaRegistry.enable", true))).contains("'enable' not allowed");
        assertThat(rejection(Map.of("schemaRegistry.enabled", "yes"))).contains("/schemaRegistry/enabled");
        assertThat(rejection(Map.of("schemaRegistry.env[0].name", "1BAD"))).contains("/schemaRegistry/env/0/name");
        assertThat(rejection(Map.of("schemaRegistry.resources.limits.memory", "lots"))).contains("/schemaRegistry/resources/limits/memory");
        assertThat(rejection(Map.of("schemaRegistry.enabled", true, "schemaRegistry.replicas", 2)))
                .contains("schemaRegistry.replicas=2 needs schemaRegistry.storage=kafkasql");
        assertThat(rejection(Map.of("schemaRegistry.enabled", true, "schemaRegistry.storage", "kafkasql",
                "security.authentication", "scram-sha-512"))).contains("schemaRegistry.storage=kafkasql").contains("scram-sha-512");
        assertThat(rejection(Map.of("schemaRegistry.enabled", true, "connect.build.enabled", true)))
                .contains("schemaRegistry.enabled needs the Connect image with the converter folder");
    }

    private static void assertAvroThroughTheRegistry(Rendered rendered) {
        JsonNode config = rendered.only("KafkaConnect").path("spec").path("config");
        assertThat(config.path("value.converter").asText()).isEqualTo(CONVERTER);
        assertThat(config.path("value.converter.apicurio.registry.url").asText())
                .isEqualTo("http://" + Rendered.name(rendered.only("Service")) + ":8080/apis/registry/v2");
        assertThat(config.path("value.converter.apicurio.registry.auto-register").asBoolean()).isTrue();
        assertThat(config.path("value.converter.apicurio.registry.as-confluent").asBoolean()).isTrue();
        assertThat(config.path("value.converter.apicurio.registry.use-id").asText()).isEqualTo("contentId");
        assertThat(config.path("value.converter.apicurio.registry.headers.enabled").asText()).isEqualTo("false");
        assertThat(config.has("value.converter.schemas.enable")).as("a JsonConverter setting").isFalse();
        assertThat(config.path("key.converter").asText()).as("keys unchanged").isEqualTo("org.apache.kafka.connect.storage.StringConverter");
    }

    private static String rejection(Map<String, Object> sets) {
        try {
            helm.template("bad values", sets);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("Helm accepted " + sets);
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(),
                e.has("value") ? e.path("value").asText() : "valueFrom:" + e.path("valueFrom")));
        return env;
    }

    private static Map<String, Integer> ports(JsonNode container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        return ports;
    }
}
