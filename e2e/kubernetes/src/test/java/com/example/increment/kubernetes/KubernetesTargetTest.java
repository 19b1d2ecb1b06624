package com.example.increment.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The choice of cluster, from properties, KUBECONFIG and whether Docker answers: never a silent fake. */
class KubernetesTargetTest {

    @TempDir
    Path dir;
    private Properties props;

    @BeforeEach
    void chart() throws IOException {
        Files.createDirectories(dir.resolve("helm"));
        Files.writeString(dir.resolve("helm/Chart.yaml"), "name: increment\n");
        props = new Properties();
        props.setProperty("increment.helm.dir", dir.resolve("helm").toString());
    }

    @Test
    void withNeitherKubeconfigNorDockerThereIsNoTargetAndTheReasonSaysBoth() {
        var choice = KubernetesTarget.choose(props, Map.of(), () -> false);

        assertThat(choice.target()).isEmpty();
        assertThat(choice.skippable()).as("nothing to run on: a skip, not a failure").isTrue();
        assertThat(choice.reason()).contains("KUBECONFIG").contains("no Docker engine");
    }

    @Test
    void kubeconfigFromTheEnvironmentIsAnExistingCluster() throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("config"), "apiVersion: v1\n");

        var choice = KubernetesTarget.choose(props, Map.of("KUBECONFIG", kubeconfig + ":/other/config"), () -> true);

        assertThat(choice.target()).hasValueSatisfying(t -> {
            assertThat(t.kind()).isEqualTo(KubernetesTarget.Kind.KUBECONFIG);
            assertThat(t.kubeconfig()).contains(kubeconfig);
        });
    }

    @Test
    void thePropertyWinsOverTheEnvironmentAndAMissingFileIsNamed() {
        props.setProperty("increment.k8s.kubeconfig", dir.resolve("absent").toString());

        var choice = KubernetesTarget.choose(props, Map.of("KUBECONFIG", "/etc/elsewhere"), () -> true);

        assertThat(choice.target()).isEmpty();
        assertThat(choice.skippable()).as("a kubeconfig named but missing is an error").isFalse();
        assertThat(choice.reason()).contains(dir.resolve("absent").toString()).contains("does not exist");
    }

    @Test
    void k3sNeedsTheImageTarAndSaysHowToMakeIt() throws IOException {
        props.setProperty("increment.k8s.target", "k3s");
        props.setProperty("increment.k8s.imageTar", dir.resolve("jib-image.tar").toString());

        assertThat(KubernetesTarget.choose(props, Map.of(), () -> true).reason())
                .contains("jib-image.tar is missing").contains("make image-tar");

        Files.writeString(dir.resolve("jib-image.tar"), "tar");
        assertThat(KubernetesTarget.choose(props, Map.of(), () -> true).target())
                .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(KubernetesTarget.Kind.K3S));
    }

    @Test
    void askingForK3sWithoutDockerIsNotAnsweredWithTheKubeconfig() throws IOException {
        props.setProperty("increment.k8s.target", "k3s");
        Path kubeconfig = Files.writeString(dir.resolve("config"), "apiVersion: v1\n");

        var choice = KubernetesTarget.choose(props, Map.of("KUBECONFIG", kubeconfig.toString()), () -> false);

        assertThat(choice.target()).isEmpty();
        assertThat(choice.skippable()).as("K3s asked for by name but impossible is an error").isFalse();
        assertThat(choice.reason()).contains("no Docker engine");
    }

    @Test
    void aMissingChartOrAnUnknownTargetIsAReasonToo() {
        props.setProperty("increment.k8s.target", "minikube");
        var unknown = KubernetesTarget.choose(props, Map.of(), () -> true);
        assertThat(unknown.reason()).contains("must be auto, kubeconfig or k3s, got 'minikube'");
        assertThat(unknown.skippable()).isFalse();

        props.setProperty("increment.helm.dir", dir.resolve("nowhere").toString());
        assertThat(KubernetesTarget.choose(props, Map.of(), () -> true).reason())
                .contains("chart is not at").contains("nowhere");
    }

    @Test
    void aValuesFileThatIsNotThereIsNamed() {
        props.setProperty("increment.k8s.values", dir.resolve("helm/ci/absent-values.yaml").toString());

        assertThat(KubernetesTarget.choose(props, Map.of(), () -> true).reason())
                .contains("absent-values.yaml does not exist");
    }

    @Test
    void defaultsAreStrimzi120AndTheIncrementNamespace() {
        var settings = KubernetesTarget.settings(new Properties());

        // The constants are copies of the parent pom's pins (strimzi.version, k3s.image): they must agree.
        assertThat(settings.strimziVersion()).as("KubernetesTarget.DEFAULT_STRIMZI_VERSION vs the pom's strimzi.version")
                .isEqualTo(System.getProperty("strimzi.version"));
        assertThat(settings.k3sImage()).as("KubernetesTarget.DEFAULT_K3S_IMAGE vs the pom's k3s.image")
                .isEqualTo(System.getProperty("k3s.image"));
        assertThat(settings.namespace()).isEqualTo("increment-e2e");
        assertThat(settings.keep()).isFalse();
    }
}
