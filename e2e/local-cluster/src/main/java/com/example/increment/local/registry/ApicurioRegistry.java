package com.example.increment.local.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.example.increment.local.process.JvmSpec;
import com.example.increment.local.process.KafkaRuntime;
import com.example.increment.local.process.LocalProcessService;
import com.example.increment.local.process.Log4jConfig;
import com.example.increment.local.process.ManagedProcess;
import com.example.increment.local.process.ProcessExitedException;
import com.example.increment.support.Ports;
import com.example.increment.support.Waits;

/**
 * Apicurio Registry as one more managed process beside the broker and workers: its own JVM with a bounded heap,
 * HTTP and management ports on loopback only (management would otherwise bind 0.0.0.0:9000), output in its log
 * file, stopped with the rest. Schemas live in an H2 file in the data folder, so a restart (or the second
 * {@code make run}) finds them and their ids where they were.
 * <p>
 * {@link #stop()} (SIGTERM): Quarkus shuts down gracefully. {@link #kill()} (SIGKILL): a crash, no shutdown hook
 * runs.
 */
public final class ApicurioRegistry extends LocalProcessService {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    public static final String DEFAULT_HEAP = "256m";
    /** Quarkus's runner main class: the fast-jar's own {@code Main-Class}, started through the owner watchdog. */
    static final String MAIN_CLASS = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dataDir;
    private final Path logDir;
    private final int port;
    private final int managementPort;
    private final String heap;
    private final KafkaRuntime processRuntime;

    /**
     * @param kafkaRuntime gives the owner watchdog jar (the registry's classpath is its own fast-jar)
     * @param dataDir      the registry's H2 database goes into {@code dataDir/registry/}
     */
    public ApicurioRegistry(Path dataDir, Path logDir, int port, int managementPort, String heap,
                            RegistryRuntime registryRuntime, KafkaRuntime kafkaRuntime) {
        this.dataDir = dataDir.toAbsolutePath();
        this.logDir = logDir.toAbsolutePath();
        this.port = port;
        this.managementPort = managementPort;
        this.heap = heap;
        this.processRuntime = new KafkaRuntime(registryRuntime.quarkusRunJar().toString(), kafkaRuntime.watchdogJar(),
                kafkaRuntime.pluginPath());
    }

    /** A registry on free ephemeral ports, for tests. */
    public static ApicurioRegistry onFreePorts(Path dataDir, Path logDir, RegistryRuntime registryRuntime,
                                               KafkaRuntime kafkaRuntime) {
        return new ApicurioRegistry(dataDir, logDir, Ports.freePort(), Ports.freePort(), DEFAULT_HEAP, registryRuntime,
                kafkaRuntime);
    }

    /** {@code http://127.0.0.1:<port>}: the registry's base URL. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The v2 core API, which Apicurio's 2.6 converter talks to. */
    public String apiV2Url() {
        return url() + "/apis/registry/v2";
    }

    /** The Confluent-compatible API, which Confluent clients (and the verifier's decoder) use. */
    public String ccompatUrl() {
        return url() + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    /** The latest registry process, {@code null} before the first start. */
    public ManagedProcess process() {
        return current();
    }

    public Path logFile() {
        return logDir.resolve("registry.log");
    }

    /** Starts the process and waits until it reports ready and its Confluent-compatible API answers. */
    public ApicurioRegistry start() {
        if (isRunning()) {
            return this;
        }
        Ports.requireFree(port, "Apicurio Registry HTTP API", "REGISTRY_PORT=... with make");
        Ports.requireFree(managementPort, "Apicurio Registry management (health) API", "REGISTRY_MANAGEMENT_PORT=... with make");
        timeStart(() -> {
            ManagedProcess process = launch(new JvmSpec("registry", JvmSpec.StopPhase.REGISTRY, MAIN_CLASS, List.of(),
                    heap, Log4jConfig.writeTo(logDir), logFile(), jvmOptions()), processRuntime);
            Waits.waitFor("Apicurio Registry " + url() + " to be ready (log: " + logFile() + ")", READY_TIMEOUT, () -> {
                if (!process.isAlive()) {
                    throw new ProcessExitedException("registry process exited; see " + logFile());
                }
                return status("http://127.0.0.1:" + managementPort + "/health/ready") == 200
                        && status(ccompatUrl() + "/subjects") == 200;
            });
        });
        return this;
    }

    private List<String> jvmOptions() {
        Path db = dataDir.resolve("registry").resolve("registry");
        return List.of(
                // What `java -jar quarkus-run.jar` takes from the jar's manifest; -cp (for the watchdog) does not.
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort,
                "-Dapicurio.datasource.url=jdbc:h2:file:" + db,
                // The default pool opens 20 connections at start: memory and time a one-user registry does not need.
                "-Dapicurio.datasource.jdbc.initial-size=2",
                "-Dapicurio.datasource.jdbc.min-size=2",
                "-Dapicurio.datasource.jdbc.max-size=20");
    }

    private static int status(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public String toString() {
        return "Apicurio Registry " + url() + (isRunning() ? " (pid " + current().pid() + ")" : " (stopped)");
    }
}
