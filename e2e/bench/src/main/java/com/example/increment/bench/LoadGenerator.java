package com.example.increment.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.increment.local.LocalClusterSettings;
import com.example.increment.support.ProjectFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The "load generator" configuration, read from the chart's preset {@code helm/examples/load-generator-values.yaml}
 * (connector/README.md explains it): the bench's load generator rows run what a user installs.
 *
 * @param connectorConfig  the connector's settings, as the chart's KafkaConnector gets them
 * @param increments       its sequences
 * @param workerConfig     the workers' settings ({@code connect.config})
 * @param workerJvmOptions the workers' JVM options, as Strimzi renders {@code connect.jvmOptions}
 */
public record LoadGenerator(Map<String, String> connectorConfig, String increments, Map<String, String> workerConfig,
                            List<String> workerJvmOptions) {

    public static final String PRESET_PROPERTY = "increment.load.generator.preset";
    private static final String PRESET = "helm/examples/load-generator-values.yaml";
    private static LoadGenerator preset;

    /** The chart's preset, read once. */
    public static synchronized LoadGenerator preset() {
        if (preset == null) {
            preset = read(ProjectFiles.find(PRESET_PROPERTY, PRESET, "../../" + PRESET));
        }
        return preset;
    }

    static LoadGenerator read(Path file) {
        JsonNode values;
        try {
            values = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the load generator preset " + file, e);
        }
        JsonNode connector = values.path("connector");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("records.per.second", required(connector, "recordsPerSecond", file));
        config.put("batch.size", required(connector, "batchSize", file));
        config.putAll(strings(connector.path("config")));
        JsonNode jvm = values.path("connect").path("jvmOptions");
        List<String> jvmOptions = new ArrayList<>();
        for (String heap : List.of("-Xms", "-Xmx")) {
            if (jvm.has(heap)) {
                jvmOptions.add(heap + jvm.get(heap).asText());
            }
        }
        strings(jvm.path("-XX")).forEach((name, value) -> jvmOptions.add(xx(name, value)));
        return new LoadGenerator(Map.copyOf(config), required(connector, "increments", file),
                Map.copyOf(strings(values.path("connect").path("config"))), List.copyOf(jvmOptions));
    }

    /** As Strimzi renders {@code jvmOptions."-XX"}: "true" turns a flag on, "false" off, anything else is a value. */
    static String xx(String name, String value) {
        return switch (value) {
            case "true" -> "-XX:+" + name;
            case "false" -> "-XX:-" + name;
            default -> "-XX:" + name + "=" + value;
        };
    }

    /** The workers' settings as a local cluster takes them: their JVM and config (a later -Xmx wins, workers only). */
    LocalClusterSettings applyTo(LocalClusterSettings settings) {
        return settings.withWorkerJvmOptions(workerJvmOptions).withWorkerOverrides(workerConfig);
    }

    private static String required(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalStateException(file + " has no connector." + field
                    + "; the load generator preset sets it");
        }
        return value.asText();
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> strings = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> strings.put(e.getKey(), e.getValue().asText()));
        return strings;
    }
}
