package com.example.increment.connect;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.example.increment.connect.ConnectorStatus.TaskStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Connect's {@code /connectors/{name}/status} document, as the REST API returns it and as Strimzi copies it
 * verbatim into KafkaConnector {@code status.connectorStatus}, turned into a {@link ConnectorStatus}.
 */
public final class ConnectorStatusJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectorStatusJson() {
    }

    /** Parses the REST body; {@code workerName} maps Connect's worker_id to the driver's worker name. */
    public static ConnectorStatus parse(String json, UnaryOperator<String> workerName) {
        try {
            return fromMap(JSON.readValue(json, new TypeReference<Map<String, Object>>() { }), workerName);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a Connect status document: " + abbreviate(json), e);
        }
    }

    /** Reads the map form (KafkaConnector status.connectorStatus); fails naming the first missing field. */
    public static ConnectorStatus fromMap(Map<String, Object> status, UnaryOperator<String> workerName) {
        String name = text(status, "name", "status");
        Map<String, Object> connector = object(status.get("connector"), "status.connector");
        List<TaskStatus> tasks = list(status.get("tasks"), "status.tasks").stream()
                .map(t -> object(t, "status.tasks[]"))
                .map(t -> new TaskStatus(number(t, "id"), text(t, "state", "task"),
                        workerName.apply(text(t, "worker_id", "task")), (String) t.get("trace")))
                .sorted(Comparator.comparingInt(TaskStatus::id))
                .toList();
        return new ConnectorStatus(name, text(connector, "state", "status.connector"),
                workerName.apply(text(connector, "worker_id", "status.connector")), tasks);
    }

    private static String text(Map<String, Object> map, String field, String where) {
        if (!(map.get(field) instanceof String s)) {
            throw new IllegalArgumentException(where + "." + field + " should be a string, but is " + map.get(field)
                    + " in " + map);
        }
        return s;
    }

    private static int number(Map<String, Object> map, String field) {
        if (!(map.get(field) instanceof Number n)) {
            throw new IllegalArgumentException("task." + field + " should be a number, but is " + map.get(field)
                    + " in " + map);
        }
        return n.intValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + " should be an object, but is " + value);
        }
        return (Map<String, Object>) map;
    }

    private static List<?> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(where + " should be a list, but is " + value);
        }
        return list;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
