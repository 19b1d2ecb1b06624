package com.example.increment.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code make run} and {@code make verify} start with the classpath this module's build writes to
 * {@code target/run-classpath.txt}: it must hold no Kubernetes, container or Helm library.
 */
class RunClasspathTest {

    /** Path fragments of the Maven repository layout of the libraries that have no place in make run. */
    private static final List<String> KUBERNETES_JARS = List.of("/io/fabric8/", "/io/strimzi/", "/org/testcontainers/",
            "/com/github/docker-java/", "/com/marcnuri/");

    @Test
    void makeRunsClasspathCarriesNoKubernetesJar() throws Exception {
        Path file = Path.of("target", "run-classpath.txt");
        assertThat(file).as("written by maven-dependency-plugin at process-classes").exists();
        List<String> jars = Arrays.asList(Files.readString(file).strip().split(File.pathSeparator));

        assertThat(jars).as("make run's classpath").isNotEmpty()
                .anyMatch(j -> j.contains("/org/apache/kafka/kafka-clients/"))
                .noneMatch(j -> KUBERNETES_JARS.stream().anyMatch(j::contains));
    }
}
