package com.example.increment.local.registry;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Avro format on Apicurio Registry: the value converter settings a worker or connector needs, in the
 * Confluent wire format (magic byte, 4-byte id, Avro binary) so Confluent clients read it through
 * {@code /apis/ccompat/v7}. Keys stay strings, as in the JSON format.
 */
public final class AvroFormat {

    /** Apicurio's AvroConverter, with errors that name the registry URL and subject (image/avro-converter). */
    public static final String CONVERTER_CLASS = "com.example.increment.avro.RegistryAvroConverter";
    /** The subject (Apicurio artifact id) a topic's value schema is registered under: TopicIdStrategy. */
    public static final String VALUE_SUBJECT_SUFFIX = "-value";

    private AvroFormat() {
    }

    /**
     * {@code value.converter=...AvroConverter} and its registry settings (Apicurio 2.6 key names).
     *
     * @param registryApiV2Url the registry's v2 API, e.g. {@code http://127.0.0.1:8080/apis/registry/v2}
     */
    public static Map<String, String> valueConverter(String registryApiV2Url) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("value.converter", CONVERTER_CLASS);
        c.put("value.converter.apicurio.registry.url", registryApiV2Url);
        // The connector's schema is registered on first use, under <topic>-value.
        c.put("value.converter.apicurio.registry.auto-register", "true");
        // Confluent wire format: a 4-byte content id, which /apis/ccompat/v7/schemas/ids/{id} resolves.
        c.put("value.converter.apicurio.registry.as-confluent", "true");
        c.put("value.converter.apicurio.registry.use-id", "contentId");
        // Apicurio 2.x otherwise puts the id in record headers and writes bare Avro, which Confluent clients cannot
        // read.
        c.put("value.converter.apicurio.registry.headers.enabled", "false");
        return c;
    }

    /**
     * Worker overrides for the Avro format: the converter settings, and a plugin.path that lists the converter's
     * plugin folder beside the connector's (comma-separated, each entry a folder of plugin folders).
     */
    public static Map<String, String> workerOverrides(String registryApiV2Url, Path connectorPluginPath,
                                                      RegistryRuntime registryRuntime) {
        Map<String, String> c = new LinkedHashMap<>(valueConverter(registryApiV2Url));
        c.put("plugin.path", connectorPluginPath.toAbsolutePath() + ","
                + registryRuntime.converterPluginPath().toAbsolutePath());
        return c;
    }

    /** A connector config switched to Avro: its own value converter settings replaced by the Avro ones. */
    public static Map<String, String> connectorConfig(Map<String, String> jsonConfig, String registryApiV2Url) {
        Map<String, String> c = new LinkedHashMap<>();
        jsonConfig.forEach((k, v) -> {
            if (!k.startsWith("value.converter")) {
                c.put(k, v);
            }
        });
        c.putAll(valueConverter(registryApiV2Url));
        return c;
    }

    public static String valueSubject(String topic) {
        return topic + VALUE_SUBJECT_SUFFIX;
    }
}
