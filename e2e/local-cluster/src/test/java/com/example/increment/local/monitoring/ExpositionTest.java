package com.example.increment.local.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ExpositionTest {

    @Test
    void readsNamesEscapedLabelsAndValues() {
        Exposition e = Exposition.parse("""
                # HELP up the thing
                # TYPE kafka_connect_worker_task_count gauge
                kafka_connect_worker_task_count 2.0
                kafka_connect_coordinator_assigned_tasks{clientid="\\"connect-127.0.0.1:8083\\""} 1.0
                kafka_connect_plugin_sequence_position{connector="c",increment="100",task="1"} 97.0 1712345678000
                jvm_x{a="b\\\\c"} NaN
                """);
        assertThat(e.names()).containsExactly("jvm_x", "kafka_connect_coordinator_assigned_tasks",
                "kafka_connect_plugin_sequence_position", "kafka_connect_worker_task_count");
        assertThat(e.find("kafka_connect_plugin_sequence_position", Map.of("increment", "100")).orElseThrow().value())
                .isEqualTo(97.0);
        assertThat(e.named("kafka_connect_coordinator_assigned_tasks").get(0).label("clientid"))
                .isEqualTo("\"connect-127.0.0.1:8083\"");
        assertThat(e.named("jvm_x").get(0).label("a")).isEqualTo("b\\c");
        assertThat(e.named("kafka_connect_worker_task_count").get(0).labels()).isEmpty();
    }
}
