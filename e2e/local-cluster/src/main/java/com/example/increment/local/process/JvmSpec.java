package com.example.increment.local.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One Kafka JVM to start: a name for logs, the main class and its arguments, a bounded heap, and the log files.
 *
 * @param stopPhase      when {@link ProcessRegistry#stopAll} stops it: workers, then the registry, then the broker
 * @param heap           -Xmx value such as "512m": bounded so a broker, three workers and a build fit together
 * @param log4jConfig    log4j2 configuration of this process
 * @param logFile        where the process's output goes (appended, so a restart keeps its history)
 */
public record JvmSpec(String name, StopPhase stopPhase, String mainClass, List<String> args, String heap,
                      Path log4jConfig, Path logFile, List<String> extraJvmOptions) {

    /**
     * Stop order, first to last: workers (they commit offsets to the broker and may still convert records through
     * the registry), then the schema registry (it keeps its schemas in a Kafka topic), then the broker. Tools that
     * end by themselves stop with the workers.
     */
    public enum StopPhase { WORKER, REGISTRY, BROKER }

    /** A tool or other short-lived process: stopped with the workers, before the registry and the broker. */
    public JvmSpec(String name, String mainClass, List<String> args, String heap, Path log4jConfig, Path logFile,
                   List<String> extraJvmOptions) {
        this(name, StopPhase.WORKER, mainClass, args, heap, log4jConfig, logFile, extraJvmOptions);
    }

    /** The command line: java, options, the owner watchdog, then the real main class. */
    public List<String> command(KafkaRuntime runtime) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Xms64m");
        if (extraJvmOptions.stream().noneMatch(JvmSpec::choosesCollector)) {
            command.add("-XX:+UseSerialGC"); // what the JVM picks in a pod under 2 CPUs or 1792 MiB (the chart's)
        }
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + log4jConfig.toAbsolutePath());
        command.add("-Dincrement.process=" + name);
        command.addAll(extraJvmOptions);
        command.add("-cp");
        command.add(runtime.watchdogJar() + java.io.File.pathSeparator + runtime.classpath());
        command.add(OwnerWatchdog.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** -XX:+UseParallelGC, -XX:+UseG1GC, ...: two collectors on one command line would stop the JVM. */
    static boolean choosesCollector(String option) {
        return option.startsWith("-XX:+Use") && option.endsWith("GC");
    }
}
