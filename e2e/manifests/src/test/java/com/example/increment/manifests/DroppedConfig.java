package com.example.increment.manifests;

import java.util.Arrays;
import java.util.List;

import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.connector.KafkaConnectorSpec;
import io.strimzi.api.kafka.model.kafka.KafkaClusterSpec;

/**
 * The config keys Strimzi 1.2 drops from a CR with only a WARN in the operator log, from the io.strimzi:api
 * constants themselves: prefixes, less the exact keys excepted from them.
 */
enum DroppedConfig {
    KAFKA_CONNECT(KafkaConnectSpec.FORBIDDEN_PREFIXES, KafkaConnectSpec.FORBIDDEN_PREFIX_EXCEPTIONS, true),
    KAFKA_BROKER(KafkaClusterSpec.FORBIDDEN_PREFIXES, KafkaClusterSpec.FORBIDDEN_PREFIX_EXCEPTIONS, true),
    KAFKA_CONNECTOR(KafkaConnectorSpec.FORBIDDEN_PARAMETERS, "", false);

    private final List<String> forbidden;
    private final List<String> exceptions;
    private final boolean prefixes;

    DroppedConfig(String forbidden, String exceptions, boolean prefixes) {
        this.forbidden = list(forbidden);
        this.exceptions = list(exceptions);
        this.prefixes = prefixes;
    }

    List<String> forbidden() {
        return forbidden;
    }

    List<String> exceptions() {
        return exceptions;
    }

    /** A key for each forbidden entry: the key itself, or the prefix plus a suffix that no exception has. */
    List<String> sampleKeys() {
        return forbidden.stream().map(p -> prefixes && p.endsWith(".") ? p + "some.key" : p).toList();
    }

    boolean drops(String key) {
        if (exceptions.contains(key)) {
            return false;
        }
        return forbidden.stream().anyMatch(p -> prefixes ? key.startsWith(p) : key.equals(p));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
