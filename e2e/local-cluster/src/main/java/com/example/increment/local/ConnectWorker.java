package com.example.increment.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import com.example.increment.connect.ConnectRest;
import com.example.increment.connect.GroupAssignment;
import com.example.increment.local.process.JmxExporter;
import com.example.increment.local.process.JvmSpec;
import com.example.increment.local.process.KafkaRuntime;
import com.example.increment.local.process.LocalProcessService;
import com.example.increment.local.process.Log4jConfig;
import com.example.increment.local.process.ManagedProcess;
import com.example.increment.local.process.ProcessExitedException;
import com.example.increment.support.Ports;
import com.example.increment.support.Waits;

/**
 * One Kafka Connect worker process on a fixed loopback port, distributed or standalone. Its name is its worker id
 * ({@code 127.0.0.1:<port>}), which a restart keeps. The connector reaches it only through {@code plugin.path}.
 * <p>
 * {@link #stop()} (SIGTERM): the worker stops its tasks, commits their offsets and leaves the group (unless Connect
 * hangs in its shutdown hook: then it is killed at the end of the grace period, {@link ManagedProcess#STOP_TIMEOUT}).
 * {@link #kill()} (SIGKILL): a crash; offsets since the last flush are not committed.
 */
public final class ConnectWorker extends LocalProcessService {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /** Logged by a distributed worker once it has joined the group and started its assignment. */
    static final String JOINED_LINE = "Finished starting connectors and tasks";
    /** Logged by a standalone worker once its REST server and herder run. */
    static final String STANDALONE_STARTED_LINE = "Kafka Connect started";

    public enum Mode { DISTRIBUTED, STANDALONE }

    private final Mode mode;
    private final int port;
    private final Path logDir;
    private final String heap;
    private final KafkaRuntime runtime;
    private final Map<String, String> config;
    private final List<Path> connectorFiles;
    private final Optional<JmxExporter.Endpoint> metrics;
    private final List<String> jvmOptions;
    private ManagedProcess scannedProcess;
    private long scannedUpTo;
    private GroupAssignment lastAssignment;

    /**
     * @param config         the complete worker configuration (see {@link WorkerConfigs})
     * @param connectorFiles standalone only: the connector properties files to run
     * @param metrics        the JMX exporter this worker runs as its -javaagent, if any
     * @param jvmOptions     more JVM options (LocalClusterSettings.workerJvmOptions)
     */
    public ConnectWorker(Mode mode, int port, Path logDir, String heap, KafkaRuntime runtime, Map<String, String> config,
                         List<Path> connectorFiles, Optional<JmxExporter.Endpoint> metrics, List<String> jvmOptions) {
        this.mode = mode;
        this.port = port;
        this.logDir = logDir.toAbsolutePath();
        this.heap = heap;
        this.runtime = runtime;
        this.config = Map.copyOf(config);
        this.connectorFiles = List.copyOf(connectorFiles);
        this.metrics = metrics;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** The worker id Connect reports in {@code /status}: the advertised host and port. */
    public String name() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String restUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The JMX exporter's endpoint ({@code /metrics}), when this worker runs one. */
    public Optional<JmxExporter.Endpoint> metrics() {
        return metrics;
    }

    /** The latest worker process; empty before the first start. */
    public Optional<ManagedProcess> process() {
        return Optional.ofNullable(current());
    }

    public Path logFile() {
        return logDir.resolve("worker-" + port + ".log");
    }

    /** Starts the process; with {@code awaitReady}, waits until it has joined its group (or started, standalone). */
    public void start(boolean awaitReady) {
        if (isRunning()) {
            return;
        }
        Ports.requireFree(port, "Connect worker REST API", "WORKER_PORTS=... with make, or LocalClusterSettings.workerPorts");
        metrics.ifPresent(m -> Ports.requireFree(m.port(), "JMX exporter of worker " + name(),
                "METRICS_PORTS=... with make, or LocalClusterSettings.metricsPorts"));
        if (awaitReady) {
            timeStart(() -> {
                startProcess();
                awaitReady();
            });
        } else {
            startProcess();
        }
    }

    /** Records how long the start took when it was awaited elsewhere (workers started side by side). */
    void markStarted(Duration took) {
        recordStartup(took);
    }

    private void startProcess() {
        Path props = writeProperties();
        List<String> args = new ArrayList<>();
        args.add(props.toString());
        connectorFiles.forEach(f -> args.add(f.toAbsolutePath().toString()));
        String mainClass = mode == Mode.DISTRIBUTED ? "org.apache.kafka.connect.cli.ConnectDistributed"
                : "org.apache.kafka.connect.cli.ConnectStandalone";
        List<String> options = new ArrayList<>(jvmOptions);
        metrics.ifPresent(m -> options.add(m.jvmOption()));
        launch(new JvmSpec("worker-" + port, JvmSpec.StopPhase.WORKER, mainClass, args, heap,
                Log4jConfig.writeTo(logDir), logFile(), options), runtime);
    }

    /**
     * Waits for the real signal that this worker works: it joined the group (distributed) or started (standalone),
     * and its REST API serves {@code GET /connectors}. The log line alone is not enough: a worker can log it a few
     * ms before its REST resources exist, and a PUT then gets 404.
     */
    public void awaitReady() {
        String line = mode == Mode.DISTRIBUTED ? JOINED_LINE : STANDALONE_STARTED_LINE;
        Waits.waitFor("worker " + name() + " to log '" + line + "' and list connectors over REST (log: " + logFile()
                + ")", READY_TIMEOUT, () -> {
                    ManagedProcess process = current();
                    if (!process.isAlive()) {
                        throw new ProcessExitedException("worker process exited; see " + logFile());
                    }
                    String log = process.logSinceStart();
                    if (!log.contains(line)) {
                        // The line count shows a worker that runs but logs nothing (e.g. no log4j configuration).
                        return "not yet (" + log.lines().count() + " lines logged since the start); last: "
                                + lastLine(log);
                    }
                    new ConnectRest(restUrl()).connectors();
                    return "ready";
                }, "ready"::equals);
    }

    /**
     * The latest group assignment this process logged since it started, if it has joined. Reads only what was
     * logged since the last call, so asking every second stays cheap however long the worker runs.
     */
    public synchronized Optional<GroupAssignment> lastAssignment() {
        ManagedProcess process = current();
        if (process == null) {
            return Optional.empty();
        }
        if (scannedProcess != process) {
            scannedProcess = process;
            scannedUpTo = process.logOffsetAtStart();
            lastAssignment = null;
        }
        ManagedProcess.LogChunk chunk = process.logFrom(scannedUpTo);
        GroupAssignment.in(chunk.text()).stream().filter(a -> a.generation().isPresent())
                .reduce((earlier, later) -> later).ifPresent(a -> lastAssignment = a);
        scannedUpTo = chunk.nextOffset();
        return Optional.ofNullable(lastAssignment);
    }

    private static String lastLine(String log) {
        String trimmed = log.strip();
        int nl = trimmed.lastIndexOf('\n');
        String last = nl < 0 ? trimmed : trimmed.substring(nl + 1);
        return last.length() > 300 ? last.substring(0, 300) + "..." : last;
    }

    private Path writeProperties() {
        Properties p = new Properties();
        p.putAll(config);
        try {
            Files.createDirectories(logDir);
            Path file = logDir.resolve("worker-" + port + ".properties");
            try (var out = Files.newBufferedWriter(file)) {
                p.store(out, mode + " Connect worker " + name() + ", written by ConnectWorker");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the worker properties into " + logDir, e);
        }
    }
}
