package com.example.increment.local.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the jars of the Kafka processes are: the Kafka-only classpath that {@code e2e/kafka-runtime} writes at
 * build time, the owner watchdog jar, and the connector's plugin folder. Each is a system property (set by the
 * build for tests and by the Makefile for {@code make run}), else looked up from the working directory.
 */
public record KafkaRuntime(String classpath, Path watchdogJar, Path pluginPath) {

    public static final String CLASSPATH_FILE_PROPERTY = "increment.kafka.classpath.file";
    public static final String WATCHDOG_JAR_PROPERTY = "increment.watchdog.jar";
    public static final String PLUGIN_PATH_PROPERTY = "increment.plugin.path";

    /** Resolves all three, failing with what was looked for and how to build it. */
    public static KafkaRuntime locate() {
        Path classpathFile = find(CLASSPATH_FILE_PROPERTY, "e2e/kafka-runtime/target/kafka-classpath.txt",
                "../kafka-runtime/target/kafka-classpath.txt");
        Path watchdog = find(WATCHDOG_JAR_PROPERTY, watchdogJarIn("e2e/local-cluster/target"),
                watchdogJarIn("../local-cluster/target"));
        Path plugin = find(PLUGIN_PATH_PROPERTY, "connector/target/plugin", "../../connector/target/plugin");
        try {
            return new KafkaRuntime(Files.readString(classpathFile).trim(), watchdog, plugin);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Kafka classpath file " + classpathFile, e);
        }
    }

    /** The jar that maven-jar-plugin's "watchdog" execution writes, whatever the project version. */
    private static String watchdogJarIn(String dir) {
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return files.map(Path::toString).filter(f -> f.endsWith("-watchdog.jar")).findFirst()
                    .orElse(dir + "/increment-local-cluster-<version>-watchdog.jar");
        } catch (IOException e) {
            return dir + "/increment-local-cluster-<version>-watchdog.jar";
        }
    }

    /** The path in the system property, else the first candidate that exists (relative to the working folder). */
    public static Path find(String property, String... candidates) {
        Optional<String> configured = Optional.ofNullable(System.getProperty(property)).filter(s -> !s.isBlank());
        List<Path> paths = configured.map(p -> List.of(Path.of(p)))
                .orElseGet(() -> Stream.of(candidates).map(Path::of).toList());
        return paths.stream().filter(Files::exists).findFirst().map(Path::toAbsolutePath)
                .orElseThrow(() -> new IllegalStateException("Not found: " + paths + " (system property " + property
                        + "). Build first: ./mvnw -B -ntp -pl e2e/local-cluster -am package -DskipTests (or `make build`)."));
    }
}
