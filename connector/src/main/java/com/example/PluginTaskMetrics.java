package com.example;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's metrics through {@code pluginMetrics()} (KIP-877, Kafka 4.1+): the worker tags them with the
 * connector and task and exposes them over JMX. Only this class names the 4.1 API, so older workers never load it.
 */
final class PluginTaskMetrics implements TaskMetrics {

    private static final Logger log = LoggerFactory.getLogger(PluginTaskMetrics.class);

    static final String POSITION_METRIC = "sequence-position";
    static final String LAST_RECORD_TIMESTAMP_METRIC = "sequence-last-record-timestamp";
    static final String EMITTED_TOTAL_METRIC = "records-emitted-total";
    static final String EMITTED_RATE_METRIC = "records-emitted-rate";
    static final String UNACKNOWLEDGED_METRIC = "records-unacknowledged";
    static final String EMITTED_SENSOR = "records-emitted";
    /**
     * The worker names sensors in one registry for all its plugins (PluginMetrics.addSensor does not scope them): a
     * fixed name would give every task on a worker the same sensor, each counting the others' records, and the first
     * task to stop would remove them all. One name per task's metrics.
     */
    private static final AtomicLong SENSORS = new AtomicLong();
    static final String INCREMENT_TAG = "increment";

    private final PluginMetrics metrics;
    private final List<MetricName> gauges = new ArrayList<>();
    private final String emittedSensor = EMITTED_SENSOR + "-" + SENSORS.incrementAndGet();
    private final Sensor emitted;

    /** Registers the task's metrics; throws a LinkageError on workers without pluginMetrics(). */
    static TaskMetrics register(SourceTaskContext context, List<IncrementSequence> sequences,
                                UnacknowledgedRecords unacknowledged) {
        PluginMetrics metrics = context.pluginMetrics();
        return metrics == null ? TaskMetrics.NONE : new PluginTaskMetrics(metrics, sequences, unacknowledged);
    }

    PluginTaskMetrics(PluginMetrics metrics, List<IncrementSequence> sequences, UnacknowledgedRecords unacknowledged) {
        this.metrics = metrics;
        for (IncrementSequence sequence : sequences) {
            LinkedHashMap<String, String> tags = new LinkedHashMap<>();
            tags.put(INCREMENT_TAG, String.valueOf(sequence.increment()));
            MetricName name = metrics.metricName(POSITION_METRIC,
                    "The last position written by the sequence of this increment (its value is position * increment)",
                    tags);
            metrics.addMetric(name, (Gauge<Long>) (config, now) -> sequence.position());
            gauges.add(name);
            // A timestamp, not an age: the last value scraped from a dead worker still says when the sequence stopped.
            MetricName lastRecord = metrics.metricName(LAST_RECORD_TIMESTAMP_METRIC,
                    "When this task made the sequence's last record, in epoch ms (0 before its first)", tags);
            metrics.addMetric(lastRecord, (Gauge<Long>) (config, now) -> sequence.lastRecordTimestamp());
            gauges.add(lastRecord);
        }
        MetricName unacknowledgedName = metrics.metricName(UNACKNOWLEDGED_METRIC, "Records returned by this "
                + "task's polls that Kafka has not acknowledged yet; at max.unacknowledged.records the task waits",
                new LinkedHashMap<>());
        metrics.addMetric(unacknowledgedName, (Gauge<Long>) (config, now) -> unacknowledged.count());
        gauges.add(unacknowledgedName);
        emitted = metrics.addSensor(emittedSensor);
        emitted.add(metrics.metricName(EMITTED_TOTAL_METRIC, "Records returned by this task's polls",
                new LinkedHashMap<>()), new CumulativeSum());
        emitted.add(metrics.metricName(EMITTED_RATE_METRIC, "Records returned by this task's polls per second",
                new LinkedHashMap<>()), new Rate());
    }

    @Override
    public void recordsEmitted(int count) {
        emitted.record(count);
    }

    @Override
    public void close() {
        try {
            gauges.forEach(metrics::removeMetric);
            metrics.removeSensor(emittedSensor);
        } catch (IllegalStateException e) {
            // The worker closed the task's PluginMetrics first, which removed them all already.
            log.debug("Plugin metrics already closed by the worker: {}", e.getMessage());
        } finally {
            gauges.clear();
        }
    }
}
