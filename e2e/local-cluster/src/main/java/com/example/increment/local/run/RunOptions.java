package com.example.increment.local.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.example.increment.local.LocalClusterSettings;
import com.example.increment.support.CommandLines;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The options of {@code make run} / {@code make run-standalone}, each also a Makefile variable. */
public record RunOptions(boolean standalone, Format format, Path dataDir, int brokerPort, int controllerPort,
                         List<Integer> workerPorts, int registryPort, int registryManagementPort, String heap,
                         int tasks, boolean printRecords, List<Integer> metricsPorts) {

    /** The value format: JSON without schemas, or Avro through a local schema registry. */
    public enum Format { JSON, AVRO }

    public static final int DEFAULT_REGISTRY_PORT = 8081;
    public static final int DEFAULT_REGISTRY_MANAGEMENT_PORT = 9081;

    @Command(name = "make run", description = "A broker and Connect workers running the connector, with a live view.",
            footer = "make variables: DATA, BROKER_PORT, CONTROLLER_PORT, WORKER_PORTS, METRICS_PORTS, HEAP, TASKS,"
                    + " PRINT=1, FORMAT, REGISTRY_PORT, REGISTRY_MANAGEMENT_PORT")
    static final class Args {
        @Option(names = "--standalone", description = "connect-standalone with one worker (make run-standalone)")
        boolean standalone;
        @Option(names = "--format", defaultValue = "json", description = "json or avro (values through a local schema registry)")
        Format format;
        @Option(names = "--data-dir", defaultValue = "data", description = "broker data and logs; a rerun continues")
        Path data;
        @Option(names = "--broker-port", defaultValue = "" + LocalClusterSettings.DEFAULT_BROKER_PORT,
                converter = CommandLines.Port.class)
        int brokerPort;
        @Option(names = "--controller-port", defaultValue = "" + LocalClusterSettings.DEFAULT_CONTROLLER_PORT,
                converter = CommandLines.Port.class)
        int controllerPort;
        @Option(names = "--worker-ports", defaultValue = "8083,8084", split = ",", converter = CommandLines.Port.class,
                description = "one Connect worker per port")
        List<Integer> workerPorts;
        @Option(names = "--metrics-ports", defaultValue = "9404,9405", split = ",", converter = CommandLines.Port.class,
                description = "each worker's JMX exporter (/metrics), in the order of --worker-ports; more workers take the next ports")
        List<Integer> metricsPorts;
        @Option(names = "--no-metrics", description = "run the workers without the JMX exporter")
        boolean noMetrics;
        @Option(names = "--registry-port", defaultValue = "" + DEFAULT_REGISTRY_PORT, converter = CommandLines.Port.class)
        int registryPort;
        @Option(names = "--registry-management-port", defaultValue = "" + DEFAULT_REGISTRY_MANAGEMENT_PORT,
                converter = CommandLines.Port.class)
        int registryManagementPort;
        @Option(names = "--heap", defaultValue = LocalClusterSettings.DEFAULT_HEAP, converter = CommandLines.HeapSize.class)
        String heap;
        @Option(names = "--tasks", converter = CommandLines.Positive.class,
                description = "tasks.max of a new connector (default 2, standalone 1)")
        Integer tasks;
        @Option(names = "--print", description = "print the records instead of the live view")
        boolean print;
    }

    public static RunOptions parse(String[] args) {
        Args a = CommandLines.parse(new Args(), args);
        List<Integer> workers = a.workerPorts.stream().map(p -> p).toList();
        // Standalone mode starts with tasks.max=1 (one task, one thread); the cluster with one task per worker.
        int tasks = a.tasks != null ? a.tasks : a.standalone ? 1 : 2;
        // Standalone mode and the Avro format keep their own broker data: their sequences are not the cluster's.
        Path dataDir = a.standalone ? a.data.resolve("standalone") : a.data;
        dataDir = a.format == Format.AVRO ? dataDir.resolve("avro") : dataDir;
        List<Integer> metrics = new ArrayList<>(a.noMetrics ? List.of() : a.metricsPorts);
        while (!metrics.isEmpty() && metrics.size() < workers.size()) {
            metrics.add(metrics.get(metrics.size() - 1) + 1); // more workers than ports: the next ports, as addWorker does
        }
        return new RunOptions(a.standalone, a.format, dataDir, a.brokerPort, a.controllerPort, workers, a.registryPort,
                a.registryManagementPort, a.heap, tasks, a.print, List.copyOf(metrics));
    }

    public boolean avro() {
        return format == Format.AVRO;
    }

    public LocalClusterSettings settings() {
        return LocalClusterSettings.defaults(dataDir).withHeap(heap)
                .withPorts(brokerPort, controllerPort, standalone ? workerPorts.subList(0, 1) : workerPorts)
                .withMetricsPorts(standalone && !metricsPorts.isEmpty() ? metricsPorts.subList(0, 1) : metricsPorts);
    }
}
