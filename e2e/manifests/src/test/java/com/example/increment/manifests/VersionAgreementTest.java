package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Versions pinned once, in the parent pom (kafka.version, strimzi.version, apicurio-registry.version, k3s.image,
 * the project version): every copy the chart, the GitOps manifests and the Makefile carry agrees with it, as
 * ImageNameAgreementTest does for the image name. k8s/ is generated from the chart (K8sManifestsTest), and
 * KubernetesTargetTest checks the e2e's Java constants.
 */
class VersionAgreementTest {

    private static ManifestProject project;
    private static String kafka;
    private static String strimzi;
    private static String apicurio;

    @BeforeAll
    static void setUp() {
        project = ManifestProject.fromSystemProperties();
        kafka = required("kafka.version");
        strimzi = required("strimzi.version");
        apicurio = required("apicurio-registry.version");
    }

    @Test
    void chartYamlNamesTheOperatorAndTheConnectorVersions() {
        JsonNode chart = Yaml.read(project.helmDir().resolve("Chart.yaml"));
        assertThat(chart.path("annotations").path("strimzi.io/operator-version").asText())
                .as("helm/Chart.yaml annotation strimzi.io/operator-version vs the pom's strimzi.version").isEqualTo(strimzi);
        assertThat(chart.path("appVersion").asText()).as("helm/Chart.yaml appVersion vs the pom's version").isEqualTo(project.version());
    }

    @Test
    void valuesRunThePomsKafkaAndApicurio() {
        JsonNode values = Yaml.read(project.helmDir().resolve("values.yaml"));
        assertThat(values.path("kafka").path("version").asText()).as("values.yaml kafka.version").isEqualTo(kafka);
        assertThat(values.path("connect").path("version").asText()).as("values.yaml connect.version (the image's Kafka)")
                .isEqualTo(kafka);
        assertThat(values.path("schemaRegistry").path("image").asText()).as("values.yaml schemaRegistry.image")
                .endsWith(":" + apicurio);
        JsonNode schema = json(project.helmDir().resolve("values.schema.json")).path("properties");
        for (String component : List.of("kafka", "connect")) {
            List<String> allowed = new ArrayList<>();
            schema.path(component).path("properties").path("version").path("enum").forEach(v -> allowed.add(v.asText()));
            assertThat(allowed).as("values.schema.json %s.version's enum", component).contains(kafka);
        }
    }

    @Test
    void theGitOpsManifestsInstallThePomsOperator() {
        JsonNode argo = Yaml.documents(read(project.k8sDir().resolve("gitops/argocd/strimzi-operator.yaml"))).get(0);
        assertThat(argo.path("spec").path("source").path("targetRevision").asText()).as("Argo CD strimzi-operator").isEqualTo(strimzi);
        Rendered flux = new Rendered("flux", Yaml.documents(read(project.k8sDir().resolve("gitops/flux/operator/strimzi-operator.yaml"))));
        assertThat(flux.only("HelmRelease").path("spec").path("chart").path("spec").path("version").asText())
                .as("Flux HelmRelease strimzi-kafka-operator").isEqualTo(strimzi);
    }

    @Test
    void theMakefileReadsThePinsInsteadOfCopyingThem() {
        String makefile = read(Path.of(required("increment.root")).resolve("Makefile"));
        assertThat(makefile).as("Makefile: read strimzi.version from pom.xml, do not write it")
                .doesNotContain("--version " + strimzi).doesNotContain("kafka-" + kafka).doesNotContain(":" + apicurio);
    }

    private static JsonNode json(Path file) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + file, e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by e2e/manifests/pom.xml from the parent pom)", property).isNotBlank();
        return value;
    }
}
