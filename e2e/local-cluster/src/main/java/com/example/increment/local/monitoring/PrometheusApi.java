package com.example.increment.local.monitoring;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Prometheus's HTTP API, what the tests ask it: instant and range queries, and the alerts with their state. */
public final class PrometheusApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private final String url;

    public PrometheusApi(String url) {
        this.url = url;
    }

    /** One series of a query result: its labels and its samples (one for an instant query). */
    public record Series(Map<String, String> labels, List<Sample> samples) {

        public String label(String name) {
            return labels.getOrDefault(name, "");
        }

        public double lastValue() {
            return samples.get(samples.size() - 1).value();
        }
    }

    public record Sample(Instant at, double value) {
    }

    /** An alert as {@code /api/v1/alerts} shows it; {@code activeAt} is when it went pending. */
    public record Alert(String name, String state, Map<String, String> labels, Instant activeAt, String value,
                        Map<String, String> annotations) {

        public String label(String name) {
            return labels.getOrDefault(name, "");
        }
    }

    /** Serves its API and has finished loading its TSDB (GET /-/ready). */
    public boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public List<Series> query(String promql) {
        return series(get("/api/v1/query?query=" + encoded(promql)).path("result"), "value");
    }

    public List<Series> queryRange(String promql, Instant start, Instant end, Duration step) {
        return series(get("/api/v1/query_range?query=" + encoded(promql) + "&start=" + start.getEpochSecond()
                + "&end=" + (end.getEpochSecond() + 1) + "&step=" + step.toMillis() / 1000.0).path("result"), "values");
    }

    public List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode a : get("/api/v1/alerts").path("alerts")) {
            Map<String, String> labels = map(a.path("labels"));
            alerts.add(new Alert(labels.getOrDefault("alertname", ""), a.path("state").asText(), labels,
                    Instant.parse(a.path("activeAt").asText()), a.path("value").asText(), map(a.path("annotations"))));
        }
        return alerts;
    }

    /** Health of each scrape target, by its {@code pod} label: "up", "down" or "unknown". */
    public Map<String, String> targetHealth() {
        Map<String, String> health = new LinkedHashMap<>();
        for (JsonNode t : get("/api/v1/targets").path("activeTargets")) {
            health.put(t.path("labels").path("pod").asText(), t.path("health").asText());
        }
        return health;
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(TIMEOUT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new IllegalStateException("Prometheus " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot ask Prometheus at " + url + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted asking Prometheus " + path, e);
        }
    }

    private static List<Series> series(JsonNode result, String samplesField) {
        List<Series> series = new ArrayList<>();
        for (JsonNode s : result) {
            List<Sample> samples = new ArrayList<>();
            JsonNode values = samplesField.equals("value") ? JSON.createArrayNode().add(s.path("value"))
                    : s.path("values");
            for (JsonNode v : values) {
                long millis = Math.round(v.get(0).asDouble() * 1000);
                samples.add(new Sample(Instant.ofEpochMilli(millis), Double.parseDouble(v.get(1).asText())));
            }
            series.add(new Series(map(s.path("metric")), samples));
        }
        return series;
    }

    private static Map<String, String> map(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static String encoded(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
