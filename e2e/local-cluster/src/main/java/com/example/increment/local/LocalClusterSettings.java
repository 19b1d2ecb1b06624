package com.example.increment.local;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import com.example.increment.support.Ports;

/**
 * How a local cluster is laid out: the data folder (broker log dirs, standalone offsets: what makes a second run
 * continue), where logs go, loopback ports, the heap of each process and worker config overrides.
 *
 * @param ephemeralPorts true for tests: workers added later get free ephemeral ports, never fixed ones
 */
public record LocalClusterSettings(Path dataDir, Path logDir, int brokerPort, int controllerPort,
                                   List<Integer> workerPorts, String heap, String groupId,
                                   Map<String, String> workerOverrides, boolean ephemeralPorts) {

    public static final String DEFAULT_HEAP = "512m";
    public static final int DEFAULT_BROKER_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final List<Integer> DEFAULT_WORKER_PORTS = List.of(8083, 8084);
    public static final String DEFAULT_GROUP_ID = "connect-cluster";

    public LocalClusterSettings {
        dataDir = dataDir.toAbsolutePath();
        logDir = logDir.toAbsolutePath();
        workerPorts = List.copyOf(workerPorts);
        workerOverrides = Map.copyOf(workerOverrides);
    }

    /** {@code make run}'s layout: {@code ./data} (logs in {@code ./data/logs}), the lab's ports. */
    public static LocalClusterSettings defaults(Path dataDir) {
        return new LocalClusterSettings(dataDir, dataDir.resolve("logs"), DEFAULT_BROKER_PORT, DEFAULT_CONTROLLER_PORT,
                DEFAULT_WORKER_PORTS, DEFAULT_HEAP, DEFAULT_GROUP_ID, Map.of(), false);
    }

    /** A fresh folder under {@code target/local-cluster/} and free ports, so test runs can coexist. */
    public static LocalClusterSettings forTest(String name, int workers) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path dir = Path.of("target", "local-cluster", name + "-" + stamp);
        return new LocalClusterSettings(dir.resolve("data"), dir.resolve("logs"), Ports.freePort(), Ports.freePort(),
                IntStream.range(0, workers).map(i -> Ports.freePort()).boxed().toList(), DEFAULT_HEAP,
                DEFAULT_GROUP_ID, Map.of(), true);
    }

    public LocalClusterSettings withWorkerOverrides(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(workerOverrides);
        merged.putAll(overrides);
        return new LocalClusterSettings(dataDir, logDir, brokerPort, controllerPort, workerPorts, heap, groupId,
                merged, ephemeralPorts);
    }

    public LocalClusterSettings withHeap(String newHeap) {
        return new LocalClusterSettings(dataDir, logDir, brokerPort, controllerPort, workerPorts, newHeap, groupId,
                workerOverrides, ephemeralPorts);
    }

    public LocalClusterSettings withPorts(int broker, int controller, List<Integer> workers) {
        return new LocalClusterSettings(dataDir, logDir, broker, controller, workers, heap, groupId, workerOverrides,
                ephemeralPorts);
    }
}
