package com.example;

import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/** The config reference (CONFIGURATION.md), generated from the ConfigDef so it cannot drift from the code. */
final class ConfigReference {

    static final String FILE = "CONFIGURATION.md";
    static final String REFRESH_COMMAND = "make config-docs";

    private ConfigReference() {
    }

    static String markdown(ConfigDef definition) {
        StringBuilder out = new StringBuilder()
                .append("# IncrementSource connector configuration\n\n")
                .append("Generated from `IncrementSourceConfig.configDef()`; do not edit by hand, run `")
                .append(REFRESH_COMMAND).append("` after changing a setting.\n\n")
                .append("Every setting below goes into the connector's config beside `connector.class` and ")
                .append("`tasks.max`; converters, transforms and the other Connect settings work as usual.\n\n")
                .append("| Name | Type | Default | Valid values | Importance | Description |\n")
                .append("|---|---|---|---|---|---|\n");
        for (ConfigKey key : definition.configKeys().values()) {
            if (key.internalConfig) {
                continue;
            }
            out.append("| `").append(key.name).append("` | ")
                    .append(key.type.name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(defaultValue(key)).append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                    .append(key.importance.name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(cell(key.documentation)).append(" |\n");
        }
        return out.toString();
    }

    private static String defaultValue(ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        String text = key.defaultValue instanceof java.util.List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(key.defaultValue);
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }
}
