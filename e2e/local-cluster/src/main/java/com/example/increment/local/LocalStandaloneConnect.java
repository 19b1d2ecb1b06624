package com.example.increment.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.example.increment.connect.ConnectRest;
import com.example.increment.connect.ConnectorStatus;
import com.example.increment.connect.IncrementConnector;
import com.example.increment.local.ConnectWorker.Mode;
import com.example.increment.local.process.JmxExporter;
import com.example.increment.local.process.KafkaRuntime;
import com.example.increment.local.process.ManagedProcess;
import com.example.increment.support.Waits;

/**
 * Standalone mode: a broker and one {@code ConnectStandalone} worker that runs the connector from a properties
 * file, its offsets in a file in the data folder, so a rerun (with another tasks.max) continues every sequence.
 */
public final class LocalStandaloneConnect implements AutoCloseable {

    private final LocalClusterSettings settings;
    private final KafkaRuntime runtime;
    private final KafkaBroker broker;
    private final Map<String, String> connectorOverrides;
    private ConnectWorker worker;

    public LocalStandaloneConnect(LocalClusterSettings settings) {
        this(settings, KafkaRuntime.locate());
    }

    public LocalStandaloneConnect(LocalClusterSettings settings, KafkaRuntime runtime) {
        this(settings, runtime, Map.of());
    }

    /** @param connectorOverrides added to connector1.properties (e.g. the Avro value converter) */
    public LocalStandaloneConnect(LocalClusterSettings settings, KafkaRuntime runtime,
                                  Map<String, String> connectorOverrides) {
        this.connectorOverrides = Map.copyOf(connectorOverrides);
        this.settings = settings;
        this.runtime = runtime;
        this.broker = new KafkaBroker(settings.dataDir(), settings.logDir(), settings.brokerPort(),
                settings.controllerPort(), settings.heap(), runtime);
    }

    public KafkaBroker broker() {
        return broker;
    }

    public ConnectWorker worker() {
        return worker;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Where the standalone worker keeps its offsets: the data folder, so they outlive the process. */
    public Path offsetsFile() {
        return settings.dataDir().resolve("connect.offsets");
    }

    /**
     * Starts the broker if needed, then the standalone worker with the default connector at {@code tasksMax}, and
     * waits until the connector and its tasks run.
     */
    public ConnectorStatus start(int tasksMax) {
        broker.start();
        int port = settings.workerPorts().get(0);
        Path connectorFile = writeConnectorProperties(tasksMax);
        try {
            Files.createDirectories(offsetsFile().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + offsetsFile().getParent(), e);
        }
        Map<String, String> config = WorkerConfigs.standalone(bootstrapServers(), port, runtime.pluginPath(),
                offsetsFile(), settings.workerOverrides());
        worker = new ConnectWorker(Mode.STANDALONE, port, settings.logDir(), settings.heap(), runtime, config,
                List.of(connectorFile), settings.metricsPorts().stream().findFirst()
                        .map(metricsPort -> JmxExporter.locate().on(metricsPort)), settings.workerJvmOptions());
        worker.start(true);
        int increments = IncrementConnector.INCREMENTS.split(",").length;
        ConnectRest rest = rest();
        return Waits.waitFor("standalone connector " + IncrementConnector.NAME + " RUNNING with "
                        + Math.min(tasksMax, increments) + " task(s)", LocalConnectCluster.CONNECTOR_RUNNING_TIMEOUT,
                () -> rest.status(IncrementConnector.NAME),
                s -> s.running() && s.tasks().size() == Math.min(tasksMax, increments));
    }

    public ConnectRest rest() {
        return new ConnectRest(worker.restUrl());
    }

    /**
     * Ctrl-C on {@code connect-standalone}: SIGTERM, the task commits its offsets to the file. Returns false when
     * Connect hung in its shutdown and was killed at the end of the grace period: then nothing was committed.
     */
    public boolean stopWorker() {
        if (worker == null) {
            return true;
        }
        worker.stop();
        return !worker.process().map(ManagedProcess::killedAtStopTimeout).orElse(false);
    }

    public List<Path> logFiles() {
        return List.of(settings.logDir().resolve("broker.log"), settings.logDir().resolve(
                "worker-" + settings.workerPorts().get(0) + ".log"));
    }

    @Override
    public void close() {
        stopWorker();
        broker.stop();
    }

    private Path writeConnectorProperties(int tasksMax) {
        Properties p = new Properties();
        p.putAll(IncrementConnector.standaloneProperties(tasksMax));
        p.putAll(connectorOverrides);
        try {
            Files.createDirectories(settings.logDir());
            Path file = settings.logDir().resolve("connector1.properties");
            try (var out = Files.newBufferedWriter(file)) {
                p.store(out, "The default connector's connector1.properties, tasks.max=" + tasksMax);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write connector1.properties into " + settings.logDir(), e);
        }
    }
}
