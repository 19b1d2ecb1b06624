package com.example.increment.kubernetes;

import com.example.increment.support.Waits;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.strimzi.api.kafka.Crds;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;

/**
 * A cluster with the Strimzi operator and the {@code increment} chart installed ({@code helm install increment
 * ./helm}), ready for a {@link StrimziConnectCluster}. Closing it uninstalls the release (unless kept) and stops
 * K3s where this run started it.
 */
public final class KubernetesEnvironment implements AutoCloseable {

    static final String RELEASE = "increment";
    static final String STRIMZI_RELEASE = "strimzi";
    static final String KAFKA_CONNECT_CRD = KafkaConnect.RESOURCE_PLURAL + "." + KafkaConnect.RESOURCE_GROUP;

    private final String kubeconfigYaml;
    private final KubernetesTarget.Settings settings;
    private final KubernetesClient client;
    private final Runnable stopCluster;

    private KubernetesEnvironment(String kubeconfigYaml, KubernetesTarget.Settings settings, Runnable stopCluster) {
        this.kubeconfigYaml = kubeconfigYaml;
        this.settings = settings;
        this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build();
        this.stopCluster = stopCluster;
    }

    static KubernetesEnvironment install(String kubeconfigYaml, KubernetesTarget.Settings settings,
                                         Runnable stopCluster) {
        KubernetesEnvironment env = new KubernetesEnvironment(kubeconfigYaml, settings, stopCluster);
        try {
            env.installStrimziIfAbsent();
            env.installChart();
            return env;
        } catch (RuntimeException e) {
            try {
                env.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new IllegalStateException("Installing Strimzi " + settings.strimziVersion() + " and the chart "
                    + settings.chartDir() + " into namespace " + settings.namespace() + " failed: " + e.getMessage(), e);
        }
    }

    public KubernetesClient client() {
        return client;
    }

    public String namespace() {
        return settings.namespace();
    }

    /** The driver for the chart's KafkaConnect, found by discovery in the release's namespace. */
    public StrimziConnectCluster connectCluster() {
        return new StrimziConnectCluster(client, StrimziSettings.discover(client, settings.namespace()));
    }

    /** The Strimzi operator from its Helm chart, unless the cluster already has the Strimzi CRDs. */
    private void installStrimziIfAbsent() {
        if (client.apiextensions().v1().customResourceDefinitions().withName(KAFKA_CONNECT_CRD).get() != null) {
            return;
        }
        Helm.install(settings.strimziChart()).withVersion(settings.strimziVersion()).withName(STRIMZI_RELEASE)
                .withNamespace(settings.namespace()).createNamespace().withKubeConfigContents(kubeconfigYaml)
                .waitReady().withTimeout((int) KubernetesTarget.INSTALL_TIMEOUT.toSeconds()).call();
    }

    /** {@code helm install increment ./helm}, then waits for the KafkaConnect and KafkaConnector to be Ready. */
    private void installChart() {
        InstallCommand install = new Helm(settings.chartDir()).install().withName(RELEASE)
                .withNamespace(settings.namespace()).createNamespace().withKubeConfigContents(kubeconfigYaml)
                .withTimeout((int) KubernetesTarget.INSTALL_TIMEOUT.toSeconds());
        settings.valuesFile().ifPresent(install::withValuesFile);
        install.call();
        Waits.waitFor("the chart's KafkaConnect and KafkaConnector in " + settings.namespace() + " to be Ready",
                KubernetesTarget.INSTALL_TIMEOUT, this::readiness, Readiness::ready);
    }

    private Readiness readiness() {
        var connects = Crds.kafkaConnectOperation(client).inNamespace(settings.namespace()).list().getItems();
        var connectors = Crds.kafkaConnectorOperation(client).inNamespace(settings.namespace()).list().getItems();
        return new Readiness(
                connects.stream().map(c -> c.getMetadata().getName() + "=" + KafkaConnect.isReady().test(c)).toList()
                        .toString(),
                connectors.stream().map(c -> c.getMetadata().getName() + "=" + KafkaConnector.isReady().test(c))
                        .toList().toString(),
                !connects.isEmpty() && connects.stream().allMatch(KafkaConnect.isReady())
                        && !connectors.isEmpty() && connectors.stream().allMatch(KafkaConnector.isReady()));
    }

    private record Readiness(String connects, String connectors, boolean ready) {
        @Override
        public String toString() {
            return "KafkaConnect " + connects + ", KafkaConnector " + connectors;
        }
    }

    @Override
    public void close() {
        try {
            if (!settings.keep()) {
                Helm.uninstall(RELEASE).withNamespace(settings.namespace())
                        .withKubeConfigContents(kubeconfigYaml).ignoreNotFound().call();
            }
        } finally {
            client.close();
            stopCluster.run();
        }
    }
}
