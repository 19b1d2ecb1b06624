package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two tasks on one worker: one Metrics registry, as the worker gives every plugin. */
class PluginTaskMetricsTest {

    private final Metrics metrics = new Metrics();
    private final PluginMetricsImpl pluginMetrics =
            new PluginMetricsImpl(metrics, Map.of("connector", "increment", "task", "0"));

    @AfterEach
    void tearDown() throws Exception {
        pluginMetrics.close();
        metrics.close();
    }

    private Optional<Object> metric(String name, Map<String, String> tags) {
        return metrics.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().tags().entrySet().containsAll(tags.entrySet()))
                .map(Map.Entry::getValue).map(KafkaMetric::metricValue).findFirst();
    }

    @Test
    void tasksOnOneWorkerCountOnlyTheirOwnRecordsAndKeepThemWhenAnotherStops() throws Exception {
        PluginMetricsImpl otherTask = new PluginMetricsImpl(metrics, Map.of("connector", "increment", "task", "1"));
        IncrementSequence mine = new IncrementSequence(1, "seq_1", 0);
        IncrementSequence theirs = new IncrementSequence(100, "seq_100", 0);
        TaskMetrics first = new PluginTaskMetrics(pluginMetrics, List.of(mine),
                new UnacknowledgedRecords(0, List.of(mine), TaskTime.SYSTEM));
        TaskMetrics second = new PluginTaskMetrics(otherTask, List.of(theirs),
                new UnacknowledgedRecords(0, List.of(theirs), TaskTime.SYSTEM));

        first.recordsEmitted(7);
        second.recordsEmitted(3);

        assertThat(metric("records-emitted-total", Map.of("task", "0"))).contains(7.0);
        assertThat(metric("records-emitted-total", Map.of("task", "1"))).contains(3.0);
        first.close();
        second.recordsEmitted(2);
        assertThat(metric("records-emitted-total", Map.of("task", "0"))).isEmpty();
        assertThat(metric("records-emitted-total", Map.of("task", "1"))).as("the other task's, after one stopped")
                .contains(5.0);
        assertThat(metric("records-emitted-rate", Map.of("task", "1"))).isPresent();
        second.close();
        otherTask.close();
    }
}
