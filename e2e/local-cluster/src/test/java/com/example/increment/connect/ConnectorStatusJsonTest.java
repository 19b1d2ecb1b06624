package com.example.increment.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

class ConnectorStatusJsonTest {

    private static final String REST_BODY = """
            {"name":"increment","connector":{"state":"RUNNING","worker_id":"10.42.0.7:8083"},
             "tasks":[{"id":1,"state":"RUNNING","worker_id":"10.42.0.8:8083"},
                      {"id":0,"state":"UNASSIGNED","worker_id":"10.42.0.7:8083"}],
             "type":"source"}""";

    @Test
    void parsesTheRestBodyWithTasksInIdOrder() {
        ConnectorStatus status = ConnectorStatusJson.parse(REST_BODY, UnaryOperator.identity());

        assertThat(status.name()).isEqualTo("increment");
        assertThat(status.workerId()).isEqualTo("10.42.0.7:8083");
        assertThat(status.tasks()).extracting(ConnectorStatus.TaskStatus::id).containsExactly(0, 1);
        assertThat(status.running()).as("task 0 is UNASSIGNED").isFalse();
        assertThat(status.tasksByWorker()).containsExactly(Map.entry("10.42.0.7:8083", List.of(0)),
                Map.entry("10.42.0.8:8083", List.of(1)));
    }

    @Test
    void appliesTheWorkerNameMappingToConnectorAndTasks() {
        ConnectorStatus status = ConnectorStatusJson.parse(REST_BODY, id -> "w" + id.charAt(8));

        assertThat(status.workerId()).isEqualTo("w7");
        assertThat(status.tasks()).extracting(ConnectorStatus.TaskStatus::workerId).containsExactly("w7", "w8");
    }

    @Test
    void aConnectorWithoutTasksHasNoneAndIsNotRunning() {
        ConnectorStatus status = ConnectorStatusJson.fromMap(Map.of("name", "c",
                "connector", Map.of("state", "RUNNING", "worker_id", "w:8083"), "tasks", List.of()),
                UnaryOperator.identity());

        assertThat(status.tasks()).isEmpty();
        assertThat(status.running()).isFalse();
    }

    @Test
    void namesWhatIsMissingOrMalformed() {
        assertThatThrownBy(() -> ConnectorStatusJson.parse("{\"name\":\"c\"}", UnaryOperator.identity()))
                .hasMessageContaining("status.connector should be an object");
        assertThatThrownBy(() -> ConnectorStatusJson.parse("""
                {"name":"c","connector":{"state":"RUNNING","worker_id":"w"},"tasks":[{"id":"zero","state":"RUNNING"}]}
                """, UnaryOperator.identity()))
                .hasMessageContaining("task.id should be a number");
        assertThatThrownBy(() -> ConnectorStatusJson.parse("{\"error_code\":404,\"message\":\"No status\"}",
                UnaryOperator.identity()))
                .hasMessageContaining("status.name should be a string");
        assertThatThrownBy(() -> ConnectorStatusJson.parse("<html>", UnaryOperator.identity()))
                .hasMessageContaining("Not a Connect status document: <html>");
    }
}
