package com.example.increment.scenarios;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.example.increment.local.WorkerConfigs;

/**
 * The worker settings a scenario's bounds are computed from. A driver starts its workers with
 * {@link #workerConfig()} (local: worker overrides; Strimzi: KafkaConnect spec.config, where all of these are allowed).
 *
 * @param rebalanceDelay {@code scheduled.rebalance.max.delay.ms}: how long lost tasks wait for their worker
 * @param sessionTimeout {@code session.timeout.ms}: how long until a silent worker counts as gone
 * @param offsetFlush    {@code offset.flush.interval.ms}: at-least-once replays at most this much after a crash
 * @param exactlyOnce    {@code exactly.once.source.support=enabled} on every worker
 */
public record ClusterTiming(Duration rebalanceDelay, Duration sessionTimeout, Duration heartbeat,
                            Duration offsetFlush, boolean exactlyOnce) {

    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration HEARTBEAT = Duration.ofSeconds(3);
    public static final Duration OFFSET_FLUSH = Duration.ofSeconds(5);
    /** The short rebalance delay of the delay scenarios: long enough to see, short enough for CI. */
    public static final Duration DELAY = Duration.ofSeconds(20);

    /** At-least-once with this rebalance delay, and the suites' session, heartbeat and offset flush. */
    public static ClusterTiming atLeastOnce(Duration rebalanceDelay) {
        return new ClusterTiming(rebalanceDelay, SESSION_TIMEOUT, HEARTBEAT, OFFSET_FLUSH, false);
    }

    /** No rebalance delay: lost tasks move as soon as the group notices (the contrast to a delay). */
    public static ClusterTiming noDelay() {
        return atLeastOnce(Duration.ZERO);
    }

    public static ClusterTiming delayed() {
        return atLeastOnce(DELAY);
    }

    public static ClusterTiming exactlyOnceNoDelay() {
        return new ClusterTiming(Duration.ZERO, SESSION_TIMEOUT, HEARTBEAT, OFFSET_FLUSH, true);
    }

    public Map<String, String> workerConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(WorkerConfigs.SCHEDULED_REBALANCE_MAX_DELAY_MS, Long.toString(rebalanceDelay.toMillis()));
        c.put(WorkerConfigs.SESSION_TIMEOUT_MS, Long.toString(sessionTimeout.toMillis()));
        c.put(WorkerConfigs.HEARTBEAT_INTERVAL_MS, Long.toString(heartbeat.toMillis()));
        c.put(WorkerConfigs.OFFSET_FLUSH_INTERVAL_MS, Long.toString(offsetFlush.toMillis()));
        if (exactlyOnce) {
            c.put(WorkerConfigs.EXACTLY_ONCE_SOURCE_SUPPORT, "enabled");
        }
        return c;
    }

    /** How the report names these settings. */
    public String describe() {
        return String.format(Locale.ROOT, "rebalance delay %d s, session %d s, offset flush %d s%s",
                rebalanceDelay.toSeconds(),
                sessionTimeout.toSeconds(), offsetFlush.toSeconds(), exactlyOnce ? ", exactly-once source" : "");
    }
}
