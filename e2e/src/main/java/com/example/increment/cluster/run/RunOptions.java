package com.example.increment.cluster.run;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import com.example.increment.cluster.LocalClusterSettings;

/** The options of {@code make run} / {@code make run-standalone}, each also a Makefile variable. */
public record RunOptions(boolean standalone, Path dataDir, int brokerPort, int controllerPort, List<Integer> workerPorts,
                         String heap, int tasks, boolean printRecords) {

    static final String USAGE = """
            usage: LocalRun [--standalone] [--data-dir DIR] [--broker-port N] [--controller-port N]
                            [--worker-ports N,N] [--heap 512m] [--tasks N] [--print]
              make variables: DATA, BROKER_PORT, CONTROLLER_PORT, WORKER_PORTS, HEAP, TASKS, PRINT=1""";

    public static RunOptions parse(String[] args) {
        boolean standalone = false;
        Path data = Path.of("data");
        int broker = LocalClusterSettings.DEFAULT_BROKER_PORT;
        int controller = LocalClusterSettings.DEFAULT_CONTROLLER_PORT;
        List<Integer> workers = LocalClusterSettings.DEFAULT_WORKER_PORTS;
        String heap = LocalClusterSettings.DEFAULT_HEAP;
        Integer tasks = null;
        boolean print = false;
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String arg = rest.pop();
            switch (arg) {
                case "--standalone" -> standalone = true;
                case "--print" -> print = true;
                case "--data-dir" -> data = Path.of(value(arg, rest));
                case "--broker-port" -> broker = port(arg, value(arg, rest));
                case "--controller-port" -> controller = port(arg, value(arg, rest));
                case "--worker-ports" -> workers = Arrays.stream(value(arg, rest).split(","))
                        .map(p -> port(arg, p.strip())).toList();
                case "--heap" -> heap = heap(value(arg, rest));
                case "--tasks" -> tasks = positive(arg, value(arg, rest));
                default -> throw new IllegalArgumentException("Unknown option '" + arg + "'.\n" + USAGE);
            }
        }
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("--worker-ports (WORKER_PORTS) needs at least one port, e.g. 8083,8084");
        }
        // Module 3 starts with tasks.max=1 (one task, one thread); module 4 POSTs 2 workers' worth.
        int taskCount = tasks != null ? tasks : standalone ? 1 : 2;
        // The standalone run keeps its own broker data and offsets file: its sequences are not the cluster's.
        Path dataDir = standalone ? data.resolve("standalone") : data;
        return new RunOptions(standalone, dataDir, broker, controller, workers, heap, taskCount, print);
    }

    public LocalClusterSettings settings() {
        return LocalClusterSettings.defaults(dataDir).withHeap(heap)
                .withPorts(brokerPort, controllerPort, standalone ? workerPorts.subList(0, 1) : workerPorts);
    }

    private static String value(String option, Deque<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value.\n" + USAGE);
        }
        return rest.pop();
    }

    private static int port(String option, String value) {
        int port = positive(option, value);
        if (port > 65535) {
            throw new IllegalArgumentException(option + ": '" + value + "' is not a port; use 1..65535");
        }
        return port;
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + value + "' is not a positive whole number");
        }
    }

    private static String heap(String value) {
        if (!value.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("--heap (HEAP): '" + value + "' is not a JVM heap size such as 512m or 1g");
        }
        return value;
    }
}
