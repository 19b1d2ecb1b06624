package com.example.increment.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Worker configurations of the local cluster. Records print as the docs show them: string keys, and JSON values
 * without schemas ({@code {"threadId":..,"hostname":..,"value":..}}).
 */
public final class WorkerConfigs {

    /** Worker settings the scenarios change (all allowed in a Strimzi KafkaConnect's spec.config too). */
    public static final String SCHEDULED_REBALANCE_MAX_DELAY_MS = "scheduled.rebalance.max.delay.ms";
    public static final String OFFSET_FLUSH_INTERVAL_MS = "offset.flush.interval.ms";
    public static final String EXACTLY_ONCE_SOURCE_SUPPORT = "exactly.once.source.support";
    public static final String SESSION_TIMEOUT_MS = "session.timeout.ms";
    public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";

    private WorkerConfigs() {
    }

    public static Map<String, String> distributed(String bootstrapServers, String groupId, int port, Path pluginPath,
                                                  Map<String, String> overrides) {
        Map<String, String> c = common(bootstrapServers, port, pluginPath);
        c.put("group.id", groupId);
        // The usual names: `kafka-console-consumer --topic connect-offsets` shows the committed positions.
        c.put("config.storage.topic", "connect-configs");
        c.put("offset.storage.topic", "connect-offsets");
        c.put("status.storage.topic", "connect-status");
        c.put("config.storage.replication.factor", "1");
        c.put("offset.storage.replication.factor", "1");
        c.put("status.storage.replication.factor", "1");
        c.putAll(overrides);
        return c;
    }

    public static Map<String, String> standalone(String bootstrapServers, int port, Path pluginPath, Path offsetsFile,
                                                 Map<String, String> overrides) {
        Map<String, String> c = common(bootstrapServers, port, pluginPath);
        c.put("offset.storage.file.filename", offsetsFile.toAbsolutePath().toString());
        c.putAll(overrides);
        return c;
    }

    private static Map<String, String> common(String bootstrapServers, int port, Path pluginPath) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("bootstrap.servers", bootstrapServers);
        c.put("listeners", "http://127.0.0.1:" + port);
        c.put("rest.advertised.host.name", "127.0.0.1");
        c.put("rest.advertised.port", Integer.toString(port));
        c.put("plugin.path", pluginPath.toAbsolutePath().toString());
        // Ready in ~10 s and ~180 MiB instead of ~63 s and ~540 MiB with the default classpath scan (measured here).
        c.put("plugin.discovery", "service_load");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "false");
        return c;
    }
}
