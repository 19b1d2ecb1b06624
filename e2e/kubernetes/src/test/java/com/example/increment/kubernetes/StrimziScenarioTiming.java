package com.example.increment.kubernetes;

import java.time.Duration;
import java.util.Map;

import com.example.increment.local.WorkerConfigs;
import com.example.increment.scenarios.ClusterTiming;
import io.strimzi.api.kafka.model.connect.KafkaConnect;

/**
 * The timing of a Strimzi Connect cluster as its KafkaConnect {@code spec.config} sets it (from the chart's
 * {@code connect.config} values), with Connect's own defaults for what it leaves out. On Kubernetes the suite
 * cannot choose the worker settings per scenario as the local driver does: it reads them, and computes its
 * bounds from them.
 */
final class StrimziScenarioTiming {

    /** Connect 4.3 defaults (DistributedConfig, WorkerConfig). */
    static final Duration DEFAULT_REBALANCE_DELAY = Duration.ofMinutes(5);
    static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(3);
    static final Duration DEFAULT_OFFSET_FLUSH = Duration.ofMinutes(1);

    private StrimziScenarioTiming() {
    }

    static ClusterTiming of(KafkaConnect connect) {
        Map<String, Object> config = connect.getSpec().getConfig() == null ? Map.of() : connect.getSpec().getConfig();
        return new ClusterTiming(
                millis(config, WorkerConfigs.SCHEDULED_REBALANCE_MAX_DELAY_MS, DEFAULT_REBALANCE_DELAY),
                millis(config, WorkerConfigs.SESSION_TIMEOUT_MS, DEFAULT_SESSION_TIMEOUT),
                millis(config, WorkerConfigs.HEARTBEAT_INTERVAL_MS, DEFAULT_HEARTBEAT),
                millis(config, WorkerConfigs.OFFSET_FLUSH_INTERVAL_MS, DEFAULT_OFFSET_FLUSH),
                "enabled".equals(String.valueOf(config.get(WorkerConfigs.EXACTLY_ONCE_SOURCE_SUPPORT)).strip()));
    }

    static Duration millis(Map<String, Object> config, String key, Duration fallback) {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Duration.ofMillis(Long.parseLong(String.valueOf(value).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("KafkaConnect spec.config " + key + " must be a number of milliseconds,"
                    + " got '" + value + "'", e);
        }
    }
}
