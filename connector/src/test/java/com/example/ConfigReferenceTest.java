package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** CONFIGURATION.md is generated from the ConfigDef; this fails when the committed copy is out of date. */
class ConfigReferenceTest {

    /** Set by `make config-docs` (-Dconfig-docs.update=true): rewrite the file instead of failing. */
    private static final boolean UPDATE = Boolean.getBoolean("config-docs.update");
    private static final Path COMMITTED = Path.of(ConfigReference.FILE);

    @Test
    void committedReferenceMatchesTheConfigDef() throws IOException {
        String generated = ConfigReference.markdown(IncrementSourceConfig.configDef());
        if (UPDATE) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }

        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .as("connector/%s is out of date with IncrementSourceConfig; refresh it with `%s`",
                        ConfigReference.FILE, ConfigReference.REFRESH_COMMAND)
                .isEqualTo(generated);
    }

    @Test
    void tableHasEverySettingWithTypeDefaultValidValuesImportanceAndDescription() {
        String markdown = ConfigReference.markdown(IncrementSourceConfig.configDef());

        assertThat(markdown).contains("| Name | Type | Default | Valid values | Importance | Description |");
        assertThat(markdown).contains("| `increments` | list | (required) | a non-empty list of distinct, non-zero "
                + "64-bit integers, e.g. 1,100 | high | ");
        assertThat(markdown).contains("| `topic.prefix` | string | `seq_` | ");
        assertThat(markdown).contains("| `records.per.second` | int | `10` | [0,...,1000000]");
        assertThat(markdown).contains("| `batch.size` | int | `1000` | [1,...,100000]");
        assertThat(markdown).doesNotContain(IncrementSourceConfig.TASK_INCREMENTS_CONFIG);
    }
}
