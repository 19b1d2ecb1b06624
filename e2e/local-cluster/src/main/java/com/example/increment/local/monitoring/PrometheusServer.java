package com.example.increment.local.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.example.increment.local.process.LocalProcessService;
import com.example.increment.local.process.ManagedProcess;
import com.example.increment.local.process.ProcessExitedException;
import com.example.increment.support.Ports;
import com.example.increment.support.Waits;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, 2.42) as one more managed process beside the local
 * cluster: its web and API on 127.0.0.1 only, a generated configuration that scrapes the workers' JMX exporters and
 * evaluates the given rule files, its TSDB and log in its own folder. Stopped with SIGTERM, with the workers.
 */
public final class PrometheusServer extends LocalProcessService {

    public static final String BINARY_PROPERTY = "increment.prometheus.binary";
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path binary;
    private final Path dir;
    private final int port;
    private final PrometheusConfig config;

    public PrometheusServer(Path binary, Path dir, int port, PrometheusConfig config) {
        this.binary = binary;
        this.dir = dir.toAbsolutePath();
        this.port = port;
        this.config = config;
    }

    /** The -Dincrement.prometheus.binary program, else {@code prometheus} on the PATH; empty when there is none. */
    public static Optional<Path> findBinary() {
        Optional<String> configured = Optional.ofNullable(System.getProperty(BINARY_PROPERTY)).filter(s -> !s.isBlank());
        Stream<Path> candidates = configured.map(p -> Stream.of(Path.of(p))).orElseGet(() ->
                Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                        .filter(d -> !d.isBlank()).map(d -> Path.of(d, "prometheus")));
        return candidates.filter(Files::isExecutable).findFirst();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public PrometheusApi api() {
        return new PrometheusApi(url());
    }

    public Path logFile() {
        return dir.resolve("prometheus.log");
    }

    public Path configFile() {
        return dir.resolve("prometheus.yml");
    }

    /** Writes the configuration, starts the server and waits until it is ready (its TSDB open, its API up). */
    public void start() {
        if (isRunning()) {
            return;
        }
        Ports.requireFree(port, "Prometheus", "another port for PrometheusServer");
        timeStart(() -> {
            try {
                Files.createDirectories(dir.resolve("data"));
                Files.writeString(configFile(), config.render());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the Prometheus configuration into " + dir, e);
            }
            ManagedProcess process = launchProgram("prometheus", List.of(binary.toString(),
                    "--config.file=" + configFile(),
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--storage.tsdb.retention.time=1d",
                    "--web.listen-address=127.0.0.1:" + port), logFile());
            PrometheusApi api = api();
            Waits.waitFor("Prometheus on " + url() + " to be ready (log: " + logFile() + ")", READY_TIMEOUT, () -> {
                if (!process.isAlive()) {
                    throw new ProcessExitedException("prometheus exited; see " + logFile());
                }
                return api.ready();
            });
        });
    }
}
