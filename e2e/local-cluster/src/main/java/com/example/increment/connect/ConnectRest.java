package com.example.increment.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Connect REST API of one worker, as the curl commands in the docs use it. */
public final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** One client for all workers: each HttpClient owns a selector thread and a pool; ConnectRest objects stay cheap. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    /** @param baseUrl e.g. {@code http://127.0.0.1:8083} */
    public ConnectRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public List<String> connectors() {
        return JSON.convertValue(get("/connectors"), new TypeReference<List<String>>() { });
    }

    /** Creates or replaces the connector's configuration ({@code PUT /connectors/{name}/config}). */
    public void putConnector(String name, Map<String, String> config) {
        send("PUT", "/connectors/" + enc(name) + "/config", config);
    }

    /** The connector's configuration ({@code GET /connectors/{name}/config}). */
    public Map<String, String> config(String name) {
        return JSON.convertValue(get("/connectors/" + enc(name) + "/config"), new TypeReference<Map<String, String>>() { });
    }

    /** No-op when it does not exist. */
    public void deleteConnector(String name) {
        try {
            send("DELETE", "/connectors/" + enc(name), null);
        } catch (ConnectRestException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /**
     * Restarts the connector's failed instances and tasks ({@code POST /connectors/{name}/restart?includeTasks=true
     * &onlyFailed=true}): what an operator, or Strimzi's autoRestart, does once the cause is gone. Throws
     * {@link ConnectRestException} when Connect refuses, e.g. 409 while a rebalance is under way.
     */
    public void restartFailed(String name) {
        send("POST", "/connectors/" + enc(name) + "/restart?includeTasks=true&onlyFailed=true", null);
    }

    public ConnectorStatus status(String name) {
        return ConnectorStatusJson.fromMap(JSON.convertValue(get("/connectors/" + enc(name) + "/status"),
                new TypeReference<Map<String, Object>>() { }), UnaryOperator.identity());
    }

    /** Each task's configuration ({@code GET /connectors/{name}/tasks}): shows how the work was split. */
    public Map<Integer, Map<String, String>> taskConfigs(String name) {
        Map<Integer, Map<String, String>> result = new TreeMap<>();
        get("/connectors/" + enc(name) + "/tasks").forEach(t -> result.put(t.path("id").path("task").asInt(),
                JSON.convertValue(t.path("config"), new TypeReference<Map<String, String>>() { })));
        return result;
    }

    /** Committed source offsets ({@code GET /connectors/{name}/offsets}, KIP-875): partition -> offset. */
    public List<Map.Entry<Map<String, Object>, Map<String, Object>>> offsets(String name) {
        List<Map.Entry<Map<String, Object>, Map<String, Object>>> result = new ArrayList<>();
        get("/connectors/" + enc(name) + "/offsets").path("offsets").forEach(o -> result.add(Map.entry(
                JSON.convertValue(o.path("partition"), new TypeReference<Map<String, Object>>() { }),
                JSON.convertValue(o.path("offset"), new TypeReference<Map<String, Object>>() { }))));
        return result;
    }

    /**
     * {@code PUT /connector-plugins/{plugin}/config/validate}: the field-level errors, by config name (only fields
     * that have errors).
     */
    public Map<String, List<String>> validate(String pluginClass, Map<String, String> config) {
        JsonNode answer = send("PUT", "/connector-plugins/" + enc(pluginClass) + "/config/validate", config);
        Map<String, List<String>> errors = new TreeMap<>();
        answer.path("configs").forEach(c -> {
            List<String> messages = JSON.convertValue(c.path("value").path("errors"), new TypeReference<List<String>>() { });
            if (messages != null && !messages.isEmpty()) {
                errors.put(c.path("value").path("name").asText(), messages);
            }
        });
        return errors;
    }

    private JsonNode get(String path) {
        return send("GET", path, null);
    }

    private JsonNode send(String method, String path, Object body) {
        String request = method + " " + baseUrl + path;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                    .header("Accept", "application/json");
            if (body == null) {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                String message = response.body();
                try {
                    message = JSON.readTree(response.body()).path("message").asText(response.body());
                } catch (IOException ignored) {
                    // not JSON: keep the raw body
                }
                throw new ConnectRestException(request, response.statusCode(), message);
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(request + " interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
