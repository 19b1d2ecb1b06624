package com.example;

import static com.example.IncrementSourceConfig.BATCH_SIZE_CONFIG;
import static com.example.IncrementSourceConfig.RECORDS_PER_SECOND_CONFIG;
import static com.example.IncrementSourceConfig.TASK_INCREMENTS_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/** The task's metrics, registered in Kafka's own PluginMetrics implementation over a real Metrics registry. */
@ExtendWith(MockitoExtension.class)
class TaskMetricsTest {

    @Mock
    private SourceTaskContext context;
    @Mock
    private OffsetStorageReader offsetReader;

    private final Metrics metrics = new Metrics();
    private final PluginMetricsImpl pluginMetrics =
            new PluginMetricsImpl(metrics, Map.of("connector", "increment", "task", "0"));
    private final IncrementSourceTask task = new IncrementSourceTask();

    @BeforeEach
    void setUp() {
        when(context.offsetStorageReader()).thenReturn(offsetReader);
        when(offsetReader.offsets(anyCollection())).thenReturn(Map.of(Map.of("increment", 1L), Map.of("position", 41L)));
        task.initialize(context);
    }

    @AfterEach
    void tearDown() throws Exception {
        pluginMetrics.close();
        metrics.close();
    }

    private static Map<String, String> props() {
        return TestConfigs.labWith(TASK_INCREMENTS_CONFIG, "1,100", RECORDS_PER_SECOND_CONFIG, "0",
                BATCH_SIZE_CONFIG, "7");
    }

    private Optional<Object> metric(String name, Map<String, String> extraTags) {
        return metrics.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().tags().entrySet().containsAll(extraTags.entrySet()))
                .map(Map.Entry::getValue)
                .map(KafkaMetric::metricValue)
                .findFirst();
    }

    @Test
    void exposesEachSequencesPositionAndTheRecordsEmitted() throws InterruptedException {
        when(context.pluginMetrics()).thenReturn(pluginMetrics);
        task.start(props());

        assertThat(metric("sequence-position", Map.of("increment", "1", "connector", "increment", "task", "0")))
                .contains(41L);
        assertThat(metric("sequence-position", Map.of("increment", "100"))).contains(0L);

        List<SourceRecord> first = task.poll();
        task.poll();

        assertThat(metric("sequence-position", Map.of("increment", "1"))).contains(41L + 14);
        assertThat(metric("sequence-position", Map.of("increment", "100"))).contains(14L);
        assertThat(metric("records-emitted-total", Map.of("task", "0"))).contains(28.0);
        assertThat(metric("records-unacknowledged", Map.of("task", "0"))).contains(28L);
        assertThat(metrics.metrics().keySet()).extracting(MetricName::group).contains("plugins");

        first.forEach(record -> task.commitRecord(record, null));
        assertThat(metric("records-unacknowledged", Map.of("task", "0"))).contains(14L);
    }

    @Test
    void exposesWhenEachSequenceMadeItsLastRecord() throws InterruptedException {
        when(context.pluginMetrics()).thenReturn(pluginMetrics);
        task.start(props());
        assertThat(metric("sequence-last-record-timestamp", Map.of("increment", "1"))).as("before any record")
                .contains(0L);

        List<SourceRecord> records = task.poll();

        long last = records.stream().filter(r -> r.key().equals(1L)).mapToLong(SourceRecord::timestamp).max()
                .orElseThrow();
        assertThat(metric("sequence-last-record-timestamp", Map.of("increment", "1", "task", "0"))).contains(last);
        assertThat(metric("sequence-last-record-timestamp", Map.of("increment", "100"))).isPresent();
    }

    @Test
    void removesItsMetricsOnStop() {
        when(context.pluginMetrics()).thenReturn(pluginMetrics);
        task.start(props());
        task.stop();

        assertThat(metric("sequence-position", Map.of("increment", "1"))).isEmpty();
        assertThat(metric("sequence-last-record-timestamp", Map.of("increment", "1"))).isEmpty();
        assertThat(metric("records-emitted-total", Map.of())).isEmpty();
        assertThat(metric("records-unacknowledged", Map.of())).isEmpty();
    }

    @Test
    void stopsCleanlyWhenTheWorkerClosedThePluginMetricsFirst() throws Exception {
        when(context.pluginMetrics()).thenReturn(pluginMetrics);
        task.start(props());
        pluginMetrics.close();

        task.stop();

        assertThat(metric("sequence-position", Map.of("increment", "1"))).isEmpty();
    }

    @Test
    void runsWithoutMetricsOnWorkersOlderThanKafka41() throws InterruptedException {
        when(context.pluginMetrics()).thenThrow(new NoSuchMethodError(
                "'org.apache.kafka.common.metrics.PluginMetrics org.apache.kafka.connect.source.SourceTaskContext.pluginMetrics()'"));
        task.start(props());

        assertThat(task.poll()).hasSize(14);
        task.stop();
    }
}
