package com.example.increment.local.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.example.increment.support.ProjectFiles;

/**
 * Where the jars of the Kafka processes are: the Kafka-only classpath that {@code e2e/kafka-runtime} writes at
 * build time, the owner watchdog jar, and the connector's plugin folder, each found by {@link ProjectFiles}.
 */
public record KafkaRuntime(String classpath, Path watchdogJar, Path pluginPath) {

    public static final String CLASSPATH_FILE_PROPERTY = "increment.kafka.classpath.file";
    public static final String WATCHDOG_JAR_PROPERTY = "increment.watchdog.jar";
    public static final String PLUGIN_PATH_PROPERTY = "increment.plugin.path";

    /** Resolves all three, failing with what was looked for and how to build it. */
    public static KafkaRuntime locate() {
        Path classpathFile = ProjectFiles.find(CLASSPATH_FILE_PROPERTY, "e2e/kafka-runtime/target/kafka-classpath.txt",
                "../kafka-runtime/target/kafka-classpath.txt");
        Path watchdog = ProjectFiles.find(WATCHDOG_JAR_PROPERTY, watchdogJarIn("e2e/local-cluster/target"),
                watchdogJarIn("../local-cluster/target"));
        Path plugin = ProjectFiles.find(PLUGIN_PATH_PROPERTY, "connector/target/plugin", "../../connector/target/plugin");
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
}
