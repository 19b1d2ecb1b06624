package com.example.increment.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import com.example.increment.local.process.JvmSpec;
import com.example.increment.local.process.KafkaRuntime;
import com.example.increment.local.process.LocalProcessService;
import com.example.increment.local.process.Log4jConfig;
import com.example.increment.local.process.ManagedProcess;
import com.example.increment.local.process.ProcessExitedException;
import com.example.increment.support.Ports;
import com.example.increment.support.Waits;

/**
 * A single-node KRaft broker (combined controller and broker) on loopback, its log dirs in the data folder, so
 * that a restart finds every topic, offset and committed Connect offset where it was.
 * <p>
 * {@link #stop()} (SIGTERM) is a controlled shutdown that flushes the logs; {@link #kill()} (SIGKILL) is a crash,
 * after which the next start recovers the logs.
 */
public final class KafkaBroker extends LocalProcessService {

    public static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final int NODE_ID = 1;

    private final Path dataDir;
    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private final KafkaRuntime runtime;

    public KafkaBroker(Path dataDir, Path logDir, int port, int controllerPort, String heap, KafkaRuntime runtime) {
        this.dataDir = dataDir.toAbsolutePath();
        this.logDir = logDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
        this.runtime = runtime;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The latest broker process, {@code null} before the first start. */
    public ManagedProcess process() {
        return current();
    }

    /** Formats the log dir on first use, starts the broker and waits until it answers metadata requests. */
    public void start() {
        if (isRunning()) {
            return;
        }
        Ports.requireFree(port, "Kafka broker", "BROKER_PORT=... with make, or LocalClusterSettings.brokerPort");
        Ports.requireFree(controllerPort, "KRaft controller", "CONTROLLER_PORT=... with make, or LocalClusterSettings.controllerPort");
        timeStart(() -> {
            Path props = writeProperties();
            Path log4j = Log4jConfig.writeTo(logDir);
            if (!Files.exists(logDirs().resolve("meta.properties"))) {
                format(props, log4j);
            }
            ManagedProcess process = launch(new JvmSpec("broker", JvmSpec.StopPhase.BROKER, "kafka.Kafka",
                    List.of(props.toString()), heap, log4j, logDir.resolve("broker.log"), List.of()), runtime);
            Waits.waitFor("broker " + bootstrapServers() + " to answer metadata (log: " + process.logFile() + ")",
                    READY_TIMEOUT, () -> {
                        requireAlive();
                        try (Admin admin = admin()) {
                            return admin.describeCluster().nodes().get().size();
                        }
                    }, nodes -> nodes > 0);
        });
    }

    /** A short-lived admin client; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    private void requireAlive() {
        if (!current().isAlive()) {
            throw new ProcessExitedException("broker exited; see " + current().logFile());
        }
    }

    private Path logDirs() {
        return dataDir.resolve("broker");
    }

    private void format(Path props, Path log4j) {
        ManagedProcess format = ManagedProcess.start(new JvmSpec("broker-format", "kafka.tools.StorageTool",
                List.of("format", "--cluster-id", Uuid.randomUuid().toString(), "--config", props.toString()),
                "256m", log4j, logDir.resolve("broker-format.log"), List.of()), runtime);
        int exit = format.awaitExit(FORMAT_TIMEOUT);
        if (exit != 0) {
            throw new IllegalStateException("Formatting the broker log dir " + logDirs() + " failed with exit code "
                    + exit + "; see " + format.logFile());
        }
    }

    private Path writeProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDirs().toString());
        p.setProperty("num.partitions", "1");
        // One broker: every internal topic must fit a replication factor and min ISR of 1.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        try {
            Files.createDirectories(logDir);
            Path file = logDir.resolve("broker.properties");
            try (var out = Files.newBufferedWriter(file)) {
                p.store(out, "Local single-node KRaft broker, written by KafkaBroker");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the broker properties into " + logDir, e);
        }
    }
}
