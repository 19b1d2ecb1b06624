package com.example.increment.manifests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/** Prometheus's own rule checker, {@code promtool} (Debian's prometheus package), as a child process. */
final class Promtool {

    static final String PROPERTY = "increment.promtool";
    static final String REQUIRED_ENV = "INCREMENT_REQUIRE_PROMETHEUS";
    private static final long TIMEOUT_SECONDS = 60;

    private final Path binary;

    private Promtool(Path binary) {
        this.binary = binary;
    }

    /** The -Dincrement.promtool binary, else promtool on the PATH; empty when there is none. */
    static Optional<Promtool> find() {
        Optional<String> configured = Optional.ofNullable(System.getProperty(PROPERTY)).filter(s -> !s.isBlank());
        Stream<Path> candidates = configured.map(p -> Stream.of(Path.of(p))).orElseGet(() ->
                Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                        .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "promtool")));
        return candidates.filter(Files::isExecutable).findFirst().map(Promtool::new);
    }

    /**
     * promtool, or the test is skipped with the reason; where CI says Prometheus's tools must be there
     * ({@value #REQUIRED_ENV}=1, set by .ci/run after installing them) a missing one fails the test instead.
     */
    static Promtool orSkip() {
        Optional<Promtool> promtool = find();
        String reason = "promtool is not installed (Debian: apt-get install prometheus; .ci/run installs it), nor given"
                + " with -D" + PROPERTY + "=/path/to/promtool";
        if (promtool.isEmpty() && "1".equals(System.getenv(REQUIRED_ENV))) {
            throw new AssertionError(reason + ", and " + REQUIRED_ENV + "=1 requires it");
        }
        Assumptions.assumeTrue(promtool.isPresent(), reason);
        return promtool.orElseThrow();
    }

    /** Runs {@code promtool <args>} in {@code dir}; returns its exit code and output. */
    Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + command, e);
        }
    }

    record Result(int exitCode, String output) {
    }
}
