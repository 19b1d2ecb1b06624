package com.example.increment.local;

import com.example.increment.support.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How a local cluster is laid out: the data folder (broker log dirs, standalone offsets: what makes a second run
 * continue), where logs go, loopback ports, the heap of each process and worker config overrides.
 *
 * @param ephemeralPorts true for tests: workers added later get free ephemeral ports, never fixed ones
 * @param podRestart     how long a deleted pod stays away before its process starts again (see {@link #POD_RESTART})
 * @param metricsPorts   the JMX exporter's port of each worker, in the order of {@code workerPorts}; empty: no exporter
 * @param workerJvmOptions more options for each worker's JVM (a collector here replaces the default Serial GC)
 */
public record LocalClusterSettings(Path dataDir, Path logDir, int brokerPort, int controllerPort,
                                   List<Integer> workerPorts, String heap, String groupId,
                                   Map<String, String> workerOverrides, boolean ephemeralPorts, Duration podRestart,
                                   List<Integer> metricsPorts, List<String> workerJvmOptions) {

    public static final String DEFAULT_HEAP = "512m";
    public static final int DEFAULT_BROKER_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final List<Integer> DEFAULT_WORKER_PORTS = List.of(8083, 8084);
    /** Strimzi's metrics port (9404, the Connect pods' tcp-prometheus), then the next one for the second worker. */
    public static final List<Integer> DEFAULT_METRICS_PORTS = List.of(9404, 9405);
    public static final String DEFAULT_GROUP_ID = "connect-cluster";
    /**
     * What a pod delete adds to a process restart here: the StrimziPodSet controller recreates the pod at once (it
     * watches its pods), the kubelet starts the sandbox and container with the image already on the node, and
     * Strimzi's start script writes the configuration before the JVM starts: a few seconds, taken as 5 s. The JVM's
     * own start (~10 s for a worker, ~9 s for a broker on existing data) is real here and comes on top.
     */
    public static final Duration POD_RESTART = Duration.ofSeconds(5);

    public LocalClusterSettings {
        dataDir = dataDir.toAbsolutePath();
        logDir = logDir.toAbsolutePath();
        workerPorts = List.copyOf(workerPorts);
        workerOverrides = Map.copyOf(workerOverrides);
        metricsPorts = List.copyOf(metricsPorts);
        workerJvmOptions = List.copyOf(workerJvmOptions);
        if (!metricsPorts.isEmpty() && metricsPorts.size() < workerPorts.size()) {
            throw new IllegalArgumentException("One metrics port per worker: workers on " + workerPorts
                    + ", metrics ports " + metricsPorts);
        }
    }

    /** {@code make run}'s layout: {@code ./data} (logs in {@code ./data/logs}), Connect's usual ports. */
    public static LocalClusterSettings defaults(Path dataDir) {
        return new LocalClusterSettings(dataDir, dataDir.resolve("logs"), DEFAULT_BROKER_PORT, DEFAULT_CONTROLLER_PORT,
                DEFAULT_WORKER_PORTS, DEFAULT_HEAP, DEFAULT_GROUP_ID, Map.of(), false, POD_RESTART, List.of(),
                List.of());
    }

    /** A fresh folder under {@code target/local-cluster/} and free ports, so tests and benchmark runs can coexist. */
    public static LocalClusterSettings ephemeral(String name, int workers) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path dir = Path.of("target", "local-cluster", name + "-" + stamp);
        return new LocalClusterSettings(dir.resolve("data"), dir.resolve("logs"), Ports.freePort(), Ports.freePort(),
                IntStream.range(0, workers).map(i -> Ports.freePort()).boxed().toList(), DEFAULT_HEAP,
                DEFAULT_GROUP_ID, Map.of(), true, POD_RESTART, List.of(), List.of());
    }

    public LocalClusterSettings withWorkerOverrides(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(workerOverrides);
        merged.putAll(overrides);
        return new LocalClusterSettings(dataDir, logDir, brokerPort, controllerPort, workerPorts, heap, groupId,
                merged, ephemeralPorts, podRestart, metricsPorts, workerJvmOptions);
    }

    public LocalClusterSettings withHeap(String newHeap) {
        return new LocalClusterSettings(dataDir, logDir, brokerPort, controllerPort, workerPorts, newHeap, groupId,
                workerOverrides, ephemeralPorts, podRestart, metricsPorts, workerJvmOptions);
    }

    public LocalClusterSettings withPorts(int broker, int controller, List<Integer> workers) {
        return new LocalClusterSettings(dataDir, logDir, broker, controller, workers, heap, groupId, workerOverrides,
                ephemeralPorts, podRestart, metricsPorts, workerJvmOptions);
    }

    public LocalClusterSettings withPodRestart(Duration away) {
        return new LocalClusterSettings(dataDir, logDir, brokerPort, controllerPort, workerPorts, heap, groupId,
                workerOverrides, ephemeralPorts, away, metricsPorts, workerJvmOptions);
    }

    /** Each worker with the JMX exporter on the given port (one per worker port, in order); empty turns it off. */
    public LocalClusterSettings withMetricsPorts(List<Integer> ports) {
        return new LocalClusterSettings(dataDir, logDir, brokerPort, controllerPort, workerPorts, heap, groupId,
                workerOverrides, ephemeralPorts, podRestart, ports, workerJvmOptions);
    }

    /** Each worker with the JMX exporter on a free ephemeral port: what the monitoring tests scrape. */
    public LocalClusterSettings withMetrics() {
        return withMetricsPorts(workerPorts.stream().map(p -> Ports.freePort()).toList());
    }

    /** Each worker's JVM with these options too, e.g. a heap shape for a load (see JvmSpec for the default GC). */
    public LocalClusterSettings withWorkerJvmOptions(List<String> options) {
        return new LocalClusterSettings(dataDir, logDir, brokerPort, controllerPort, workerPorts, heap, groupId,
                workerOverrides, ephemeralPorts, podRestart, metricsPorts, options);
    }

    public boolean metricsEnabled() {
        return !metricsPorts.isEmpty();
    }
}
