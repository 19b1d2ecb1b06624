package com.example.increment.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import org.testcontainers.DockerClientFactory;

/**
 * Which Kubernetes the e2e suite runs on, as the user asked: an existing cluster from {@code KUBECONFIG} (or
 * {@code -Dincrement.k8s.kubeconfig=FILE}), or a throwaway K3s in Docker through Testcontainers. Where neither
 * can be had, {@link #choose} says why, so the suite is skipped with that reason instead of faked.
 *
 * <p>System properties: {@code increment.k8s.target} = {@code auto} (default: a kubeconfig if one is given, else
 * K3s) | {@code kubeconfig} | {@code k3s}; {@code increment.k8s.kubeconfig}; {@code increment.k8s.namespace};
 * {@code increment.k8s.k3sImage}; {@code increment.k8s.imageTar} (the Connect image to import into K3s);
 * {@code increment.k8s.strimziChart} and {@code increment.k8s.strimziVersion} (the operator's Helm chart, installed
 * when the Strimzi CRDs are absent); {@code increment.helm.dir} (the {@code increment} chart);
 * {@code increment.k8s.values} (an extra values file); {@code increment.k8s.keep=true} leaves the release behind.
 */
public record KubernetesTarget(Kind kind, Optional<Path> kubeconfig, Settings settings) {

    public enum Kind { KUBECONFIG, K3S }

    /**
     * What {@link #choose} found: a target, or the reason there is none here. Only "nothing to run on" (auto mode,
     * no KUBECONFIG and no Docker) is {@code skippable}; a target asked for by name that cannot be had, or a
     * misconfiguration, is an error, so that `make e2e-k8s` never passes by skipping what the user asked for.
     */
    public record Choice(Optional<KubernetesTarget> target, String reason, boolean skippable) {
        public static Choice of(KubernetesTarget target, String reason) {
            return new Choice(Optional.of(target), reason, false);
        }

        public static Choice none(String reason) {
            return new Choice(Optional.empty(), reason, false);
        }

        static Choice skip(String reason) {
            return new Choice(Optional.empty(), reason, true);
        }
    }

    /** Everything the environment needs besides the cluster itself. */
    public record Settings(String namespace, String k3sImage, Path imageTar, String strimziChart, String strimziVersion,
                           Path chartDir, Optional<Path> valuesFile, boolean keep) {
    }

    static final String DEFAULT_NAMESPACE = "increment-e2e";
    /** Kubernetes 1.31: Strimzi 1.2 needs 1.30+. */
    static final String DEFAULT_K3S_IMAGE = "rancher/k3s:v1.31.4-k3s1";
    /** Strimzi's published Helm chart; pulling it needs the network that reaches quay.io. */
    static final String DEFAULT_STRIMZI_CHART = "oci://quay.io/strimzi-helm/strimzi-kafka-operator";
    static final String DEFAULT_STRIMZI_VERSION = "1.2.0";
    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static final String NO_DOCKER = "no Docker engine answers (Testcontainers found none), so K3s cannot run here";

    /** Chooses from this JVM's system properties and environment, asking Testcontainers whether Docker answers. */
    public static Choice choose() {
        return choose(System.getProperties(), System.getenv(),
                () -> DockerClientFactory.instance().isDockerAvailable());
    }

    static Choice choose(Properties props, Map<String, String> env, BooleanSupplier dockerAvailable) {
        Settings settings = settings(props);
        String wanted = props.getProperty("increment.k8s.target", "auto").strip().toLowerCase();
        Optional<Path> kubeconfig = kubeconfig(props, env);
        if (!Files.isRegularFile(settings.chartDir().resolve("Chart.yaml"))) {
            return Choice.none("the increment chart is not at " + settings.chartDir()
                    + " (no Chart.yaml); set -Dincrement.helm.dir=DIR");
        }
        if (settings.valuesFile().isPresent() && !Files.isRegularFile(settings.valuesFile().get())) {
            return Choice.none("the chart values file " + settings.valuesFile().get() + " does not exist; set "
                    + "-Dincrement.k8s.values=FILE (or empty for the chart's defaults)");
        }
        return switch (wanted) {
            case "kubeconfig" -> kubeconfig.isEmpty()
                    ? Choice.none("increment.k8s.target=kubeconfig, but neither KUBECONFIG nor "
                    + "-Dincrement.k8s.kubeconfig names a file")
                    : existing(kubeconfig.get(), settings);
            case "k3s" -> k3s(settings, dockerAvailable);
            case "auto" -> {
                if (kubeconfig.isPresent()) {
                    yield existing(kubeconfig.get(), settings);
                }
                yield dockerAvailable.getAsBoolean() ? k3s(settings, dockerAvailable)
                        : Choice.skip("no KUBECONFIG or -Dincrement.k8s.kubeconfig is set, and " + NO_DOCKER);
            }
            default -> Choice.none("increment.k8s.target must be auto, kubeconfig or k3s, got '" + wanted + "'");
        };
    }

    private static Choice existing(Path kubeconfig, Settings settings) {
        if (!Files.isReadable(kubeconfig)) {
            return Choice.none("the kubeconfig " + kubeconfig + " does not exist or cannot be read");
        }
        return Choice.of(new KubernetesTarget(Kind.KUBECONFIG, Optional.of(kubeconfig), settings),
                "existing cluster from " + kubeconfig);
    }

    private static Choice k3s(Settings settings, BooleanSupplier dockerAvailable) {
        if (!dockerAvailable.getAsBoolean()) {
            return Choice.none(NO_DOCKER);
        }
        if (!Files.isRegularFile(settings.imageTar())) {
            return Choice.none("the Connect image tar " + settings.imageTar() + " is missing: build it first "
                    + "(make image-tar) or set -Dincrement.k8s.imageTar=FILE");
        }
        return Choice.of(new KubernetesTarget(Kind.K3S, Optional.empty(), settings),
                "K3s " + settings.k3sImage() + " in Docker");
    }

    static Optional<Path> kubeconfig(Properties props, Map<String, String> env) {
        String value = props.getProperty("increment.k8s.kubeconfig");
        if (value == null || value.isBlank()) {
            value = env.get("KUBECONFIG");
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        // KUBECONFIG may list several files; like kubectl's default context, the first one decides
        return Optional.of(Path.of(value.split(java.io.File.pathSeparator)[0]));
    }

    static Settings settings(Properties props) {
        return new Settings(
                props.getProperty("increment.k8s.namespace", DEFAULT_NAMESPACE),
                props.getProperty("increment.k8s.k3sImage", DEFAULT_K3S_IMAGE),
                Path.of(props.getProperty("increment.k8s.imageTar", "image/target/jib-image.tar")),
                props.getProperty("increment.k8s.strimziChart", DEFAULT_STRIMZI_CHART),
                props.getProperty("increment.k8s.strimziVersion", DEFAULT_STRIMZI_VERSION),
                Path.of(props.getProperty("increment.helm.dir", "helm")),
                Optional.ofNullable(props.getProperty("increment.k8s.values")).filter(s -> !s.isBlank()).map(Path::of),
                Boolean.parseBoolean(props.getProperty("increment.k8s.keep", "false")));
    }

    /** Starts (K3s) or connects to (kubeconfig) the cluster and installs Strimzi and the chart on it. */
    public KubernetesEnvironment start() {
        return switch (kind) {
            case KUBECONFIG -> {
                try {
                    yield KubernetesEnvironment.install(Files.readString(kubeconfig.orElseThrow()), settings,
                            () -> { });
                } catch (IOException e) {
                    throw new UncheckedIOException("Reading kubeconfig " + kubeconfig.orElseThrow(), e);
                }
            }
            case K3S -> K3sCluster.start(settings);
        };
    }
}
