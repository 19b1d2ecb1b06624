package com.example.increment.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench reads the chart's load generator preset as Strimzi and the chart would apply it. */
class LoadGeneratorTest {

    @Test
    void thePresetGivesTheConnectorItsSettingsAndTheWorkersTheirJvm() {
        LoadGenerator preset = LoadGenerator.preset();

        assertThat(preset.connectorConfig()).containsEntry("records.per.second", "0")
                .containsKeys("batch.size", "max.unacknowledged.records", "producer.override.batch.size",
                        "producer.override.linger.ms");
        assertThat(preset.increments().split(",")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(preset.workerConfig()).containsEntry("connector.client.config.override.policy", "All");
        assertThat(preset.workerJvmOptions()).anyMatch(o -> o.startsWith("-Xmx"))
                .anyMatch(o -> o.startsWith("-XX:+Use"));
    }

    @Test
    void xxOptionsRenderAsStrimziRendersThem() {
        assertThat(LoadGenerator.xx("UseG1GC", "true")).isEqualTo("-XX:+UseG1GC");
        assertThat(LoadGenerator.xx("UseCompressedOops", "false")).isEqualTo("-XX:-UseCompressedOops");
        assertThat(LoadGenerator.xx("NewRatio", "1")).isEqualTo("-XX:NewRatio=1");
    }

    @Test
    void aPresetWithoutABatchSizeIsRefusedByName(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("values.yaml"), "connector:\n  recordsPerSecond: 0\n");

        assertThatThrownBy(() -> LoadGenerator.read(file)).hasMessageContaining("connector.batchSize");
    }
}
