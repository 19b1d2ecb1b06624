package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The chart's Strimzi 1.2 details, read against Strimzi's sources and rendered here (nothing of this has run on a
 * cluster): autoRestart, the template/probe/rack pass-throughs within the CRD schemas, the prod preset's spread, the
 * schema registry's NetworkPolicy and restart on certificate renewal, the test Job's pod, and the NOTES warnings.
 */
class StrimziDetailsTest {

    private static HelmChart helm;
    private static ManifestValidator validator;

    @BeforeAll
    static void setUp() {
        ManifestProject project = ManifestProject.fromSystemProperties();
        helm = new HelmChart(project);
        validator = new ManifestValidator(StrimziCrdSchemas.get(project));
    }

    @Test
    void autoRestartIsUnlimitedByDefaultAndACapIsKept() {
        // Strimzi's AutoRestart: maxRestarts absent = restart without limit; a number caps them (0 still allows one).
        JsonNode byDefault = helm.template("defaults").only("KafkaConnector").path("spec").path("autoRestart");
        assertThat(byDefault.path("enabled").asBoolean()).isTrue();
        assertThat(byDefault.has("maxRestarts")).as("no maxRestarts: unlimited").isFalse();
        for (int cap : new int[] {0, 5}) {
            JsonNode capped = helm.template("cap", Map.of("connector.autoRestart.maxRestarts", cap)).only("KafkaConnector")
                    .path("spec").path("autoRestart");
            assertThat(capped.path("maxRestarts").asInt(-1)).isEqualTo(cap);
        }
    }

    @Test
    void templatesProbesAndRackPassThroughWithinTheCrdSchemas() {
        Map<String, Object> sets = new java.util.LinkedHashMap<>();
        for (String c : List.of("connect", "kafka")) {
            sets.put(c + ".template.pod.securityContext.runAsNonRoot", true);
            sets.put(c + ".template.pod.securityContext.seccompProfile.type", "RuntimeDefault");
            sets.put(c + ".template.pod.priorityClassName", "high");
            sets.put(c + ".template.pod.imagePullSecrets[0].name", "pull");
            sets.put(c + ".template.pod.tolerations[0].key", "dedicated");
            sets.put(c + ".template.pod.tolerations[0].operator", "Exists");
            sets.put(c + ".template.pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key", "pool");
            sets.put(c + ".template.pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator", "In");
            sets.put(c + ".template.pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]", "kafka");
            sets.put(c + ".livenessProbe.initialDelaySeconds", 30);
            sets.put(c + ".readinessProbe.timeoutSeconds", 5);
        }
        sets.put("kafka.rack.topologyKey", "topology.kubernetes.io/zone");
        Rendered rendered = helm.template("pass-throughs", sets);
        assertValid(rendered);
        JsonNode connect = rendered.only("KafkaConnect").path("spec");
        JsonNode kafka = rendered.only("Kafka").path("spec").path("kafka");
        for (JsonNode spec : List.of(connect, kafka)) {
            JsonNode pod = spec.path("template").path("pod");
            assertThat(pod.path("priorityClassName").asText()).isEqualTo("high");
            assertThat(pod.path("imagePullSecrets").get(0).path("name").asText()).isEqualTo("pull");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.path("tolerations").get(0).path("key").asText()).isEqualTo("dedicated");
            assertThat(pod.path("affinity").path("nodeAffinity").isObject()).isTrue();
            assertThat(spec.path("livenessProbe").path("initialDelaySeconds").asInt()).isEqualTo(30);
            assertThat(spec.path("readinessProbe").path("timeoutSeconds").asInt()).isEqualTo(5);
        }
        assertThat(kafka.path("rack").path("topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
    }

    @Test
    void aTemplateTheCrdDoesNotKnowIsCaught() {
        Rendered rendered = helm.template("bad template", Map.of("connect.template.pod.nodeName", "n1"));
        List<String> problems = new ArrayList<>();
        rendered.documents().forEach(d -> problems.addAll(validator.problems(d)));
        assertThat(problems).as("pod.nodeName is not in Strimzi's PodTemplate").isNotEmpty();
    }

    @Test
    void theProdPresetSpreadsWorkersAndBrokersAcrossNodes() {
        Rendered prod = helm.template("prod", helm.exampleValues("prod-values.yaml"));
        assertValid(prod);
        JsonNode connectSpread = prod.only("KafkaConnect").path("spec").path("template").path("pod").path("topologySpreadConstraints").get(0);
        assertThat(connectSpread.path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
        assertThat(connectSpread.path("labelSelector").path("matchLabels").path("strimzi.io/name").asText())
                .as("Strimzi's label on the Connect pods").isEqualTo(Rendered.name(prod.only("KafkaConnect")) + "-connect");
        JsonNode kafkaSpread = prod.only("Kafka").path("spec").path("kafka").path("template").path("pod").path("topologySpreadConstraints").get(0);
        assertThat(kafkaSpread.path("whenUnsatisfiable").asText()).isEqualTo("DoNotSchedule");
        assertThat(kafkaSpread.path("labelSelector").path("matchLabels").path("strimzi.io/name").asText())
                .as("Strimzi's label on the broker pods").isEqualTo(Rendered.name(prod.only("Kafka")) + "-kafka");
        assertThat(prod.only("Deployment").path("metadata").path("annotations").path("secret.reloader.stakater.com/reload").asText())
                .as("the registry restarts when Strimzi renews its certificates").isEqualTo("increment-cluster-ca-cert,increment-schema-registry");
    }

    @Test
    void theSchemaRegistryTakesRequestsFromConnectTheTestAndReadersOnly() {
        Rendered rendered = helm.template("registry", helm.ciValues("schema-registry-values.yaml"));
        ObjectNode policy = rendered.only("NetworkPolicy");
        assertThat(validator.problems(policy)).isEmpty();
        assertThat(policy.path("spec").path("podSelector").path("matchLabels"))
                .isEqualTo(rendered.only("Deployment").path("spec").path("selector").path("matchLabels"));
        JsonNode from = policy.path("spec").path("ingress").get(0).path("from");
        assertThat(from.get(0).path("podSelector").path("matchLabels").path("strimzi.io/kind").asText()).isEqualTo("KafkaConnect");
        assertThat(from.get(0).path("podSelector").path("matchLabels").path("strimzi.io/cluster").asText())
                .isEqualTo(Rendered.name(rendered.only("KafkaConnect")));
        assertThat(from.get(1).path("podSelector").path("matchLabels").path("app.kubernetes.io/component").asText()).isEqualTo("test");
        assertThat(from.get(2).path("podSelector").path("matchLabels").path("increment-schema-registry-client").asText()).isEqualTo("true");
        assertThat(rendered.only("Deployment").path("metadata").path("annotations").has("secret.reloader.stakater.com/reload"))
                .as("memory storage reads no certificate").isFalse();
        assertThat(helm.template("off", Map.of("schemaRegistry.enabled", true, "schemaRegistry.networkPolicy.enabled", false))
                .find("NetworkPolicy")).isEmpty();
    }

    @Test
    void theTestJobHasNoTokenAndTakesPullSecrets() {
        Rendered rendered = helm.templateWithTests("job", Map.of("imagePullSecrets[0].name", "pull"));
        assertValid(rendered);
        JsonNode pod = rendered.only("Job").path("spec").path("template").path("spec");
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(pod.path("imagePullSecrets").get(0).path("name").asText()).isEqualTo("pull");
    }

    @Test
    void notesFlagThePlaceholderImageAndBrokerDefaultReplication() {
        String defaults = notes(Map.of("crdCheck.enabled", false));
        assertThat(defaults).contains("WARNING: connect.image is the chart's placeholder").doesNotContain("replication factor of -1");
        assertThat(notes(Map.of("crdCheck.enabled", false, "connect.image", "registry.example.com/increment-connect:1")))
                .doesNotContain("placeholder");
        String external = notes(Map.of("crdCheck.enabled", false, "kafka.enabled", false, "kafka.name", "shared",
                "connect.bootstrapServers", "shared-kafka-bootstrap:9093"));
        assertThat(external).contains("kafka.enabled=false with a replication factor of -1");
        Map<String, Object> explicit = new java.util.LinkedHashMap<>(Map.of("crdCheck.enabled", false, "kafka.enabled", false,
                "kafka.name", "shared", "connect.bootstrapServers", "shared-kafka-bootstrap:9093",
                "connector.topicCreation.replicationFactor", 3));
        for (String topic : List.of("config", "offset", "status")) {
            explicit.put("connect.config." + topic + "\\.storage\\.replication\\.factor", 3);
        }
        assertThat(notes(explicit)).doesNotContain("replication factor of -1");
    }

    private static String notes(Map<String, Object> sets) {
        String output = helm.installDryRun(sets).getOutput();
        return output.substring(output.indexOf("NOTES:"));
    }

    private static void assertValid(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        rendered.documents().forEach(d -> problems.addAll(validator.problems(d)));
        assertThat(problems).as("problems in %s", rendered).isEmpty();
    }
}
