package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every document the chart (defaults and a matrix of values) and every Kustomize overlay render is valid for
 * Strimzi 1.2 and Kubernetes: read into the models with no unknown field, and within Strimzi's CRD schemas.
 */
class RenderedManifestsTest {

    private static ManifestProject project;
    private static ManifestValidator validator;

    @BeforeAll
    static void setUp() {
        project = ManifestProject.fromSystemProperties();
        validator = new ManifestValidator(StrimziCrdSchemas.get(project));
    }

    static Stream<Rendered> renderings() {
        ManifestProject p = ManifestProject.fromSystemProperties();
        HelmChart helm = new HelmChart(p);
        Kustomize kustomize = new Kustomize(p);
        // Every preset of helm/ci (the checks' matrix) and helm/examples (the user presets), with the helm test Job.
        Stream<Rendered> presets = helm.presets().stream().map(preset -> helm.templateWithTests(
                "helm " + preset.getParent().getFileName() + "/" + preset.getFileName() + " (with the helm test Job)", Map.of(), preset));
        return Stream.concat(presets, Stream.of(
                helm.templateWithTests("helm defaults (with the helm test Job)", Map.of()),
                helm.templateWithTests("helm SCRAM", Map.of("security.authentication", "scram-sha-512")),
                helm.template("helm metrics off", Map.of("connect.metrics.enabled", false)),
                helm.templateWithTests("helm schema registry kafkasql, security off", Map.of("schemaRegistry.enabled", true,
                        "schemaRegistry.storage", "kafkasql", "security.authentication", "none")),
                kustomize.build("base"),
                kustomize.build("overlays/dev"),
                kustomize.build("overlays/prod"),
                kustomize.build("examples/name-prefix")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyDocumentIsValid(Rendered rendered) {
        assertThat(rendered.documents()).as("%s renders documents", rendered).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (ObjectNode document : rendered.documents()) {
            problems.addAll(validator.problems(document));
        }
        assertThat(problems).as("problems in %s", rendered).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void connectIsWiredForConnectorResources(Rendered rendered) {
        ObjectNode connect = rendered.only("KafkaConnect");
        assertThat(connect.path("metadata").path("annotations").path("strimzi.io/use-connector-resources").asText())
                .as("%s: KafkaConnect annotation strimzi.io/use-connector-resources", rendered).isEqualTo("true");
        assertThat(connect.path("spec").path("replicas").asInt()).as("%s: Connect replicas", rendered).isGreaterThanOrEqualTo(2);
        for (ObjectNode connector : rendered.ofKind("KafkaConnector")) {
            assertThat(connector.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                    .as("%s: the KafkaConnector's strimzi.io/cluster label names the KafkaConnect", rendered)
                    .isEqualTo(Rendered.name(connect));
            assertThat(connector.path("spec").path("class").asText()).isEqualTo("com.example.IncrementSourceConnector");
        }
        for (String kind : List.of("KafkaNodePool", "KafkaUser")) {
            for (ObjectNode resource : rendered.ofKind(kind)) {
                String cluster = resource.path("metadata").path("labels").path("strimzi.io/cluster").asText();
                rendered.find("Kafka").ifPresent(kafka -> assertThat(cluster)
                        .as("%s: %s's strimzi.io/cluster label names the Kafka", rendered, Rendered.id(resource))
                        .isEqualTo(Rendered.name(kafka)));
            }
        }
        rendered.find("Kafka").ifPresent(kafka -> assertThat(connect.path("spec").path("bootstrapServers").asText())
                .as("%s: Connect bootstraps from the Kafka's bootstrap service", rendered)
                .startsWith(Rendered.name(kafka) + "-kafka-bootstrap:"));
    }
}
