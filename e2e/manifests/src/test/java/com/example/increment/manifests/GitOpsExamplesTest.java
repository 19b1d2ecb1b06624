package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Argo CD and Flux examples install the Strimzi operator of our version before the CRs, from paths that exist. */
class GitOpsExamplesTest {

    private static ManifestProject project;
    private static String strimziVersion;

    @BeforeAll
    static void setUp() {
        project = ManifestProject.fromSystemProperties();
        strimziVersion = System.getProperty("strimzi.version");
    }

    private static Rendered read(String file) throws IOException {
        return new Rendered(file, Yaml.documents(Files.readString(project.k8sDir().resolve("gitops").resolve(file))));
    }

    private static ObjectNode named(Rendered rendered, String kind, String name) {
        return rendered.ofKind(kind).stream().filter(d -> Rendered.name(d).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(rendered + " has no " + kind + "/" + name));
    }

    @Test
    void argoCdSyncsTheOperatorInAnEarlierWave() throws IOException {
        ObjectNode operator = named(read("argocd/strimzi-operator.yaml"), "Application", "strimzi-operator");
        ObjectNode increment = named(read("argocd/increment.yaml"), "Application", "increment");
        assertThat(operator.path("spec").path("source").path("targetRevision").asText()).isEqualTo(strimziVersion);
        assertThat(wave(operator)).isLessThan(wave(increment));
        assertThat(texts(increment.path("spec").path("syncPolicy").path("syncOptions"))).contains("SkipDryRunOnMissingResource=true");
        assertThat(project.k8sDir().resolveSibling(increment.path("spec").path("source").path("path").asText()))
                .as("the Application's path").isDirectory();
    }

    @Test
    void fluxAppliesTheCrsAfterTheOperator() throws IOException {
        Rendered cluster = read("flux/increment.yaml");
        ObjectNode operator = named(cluster, "Kustomization", "strimzi-operator");
        ObjectNode increment = named(cluster, "Kustomization", "increment");
        assertThat(increment.path("spec").path("dependsOn").get(0).path("name").asText()).isEqualTo("strimzi-operator");
        assertThat(operator.path("spec").path("wait").asBoolean()).as("the operator Kustomization waits for readiness").isTrue();
        for (ObjectNode kustomization : List.of(operator, increment)) {
            Path path = project.k8sDir().getParent().resolve(kustomization.path("spec").path("path").asText()).normalize();
            assertThat(path.resolve("kustomization.yaml")).as("%s's path", Rendered.id(kustomization)).isRegularFile();
        }
        ObjectNode release = read("flux/operator/strimzi-operator.yaml").only("HelmRelease");
        assertThat(release.path("spec").path("chart").path("spec").path("version").asText()).isEqualTo(strimziVersion);
        assertThat(release.path("spec").path("install").path("crds").asText()).isEqualTo("CreateReplace");
    }

    private static int wave(JsonNode application) {
        return Integer.parseInt(application.path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave").asText());
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
