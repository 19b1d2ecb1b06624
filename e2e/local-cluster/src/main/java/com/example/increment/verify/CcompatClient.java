package com.example.increment.verify;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The registry as a Confluent client sees it: the Confluent-compatible API ({@code /apis/ccompat/v7}), read only.
 * What the verifier decodes through, and what tests check the registered schema with.
 */
public final class CcompatClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One registered version of a subject: {@code GET /subjects/{subject}/versions/latest}. */
    public record SubjectVersion(String subject, int version, int id, String schema) {
    }

    private final String ccompatUrl;

    /** @param ccompatUrl e.g. {@code http://127.0.0.1:8080/apis/ccompat/v7} */
    public CcompatClient(String ccompatUrl) {
        this.ccompatUrl = ccompatUrl.replaceFirst("/$", "");
    }

    public String url() {
        return ccompatUrl;
    }

    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        get("/subjects").forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    public SubjectVersion latest(String subject) {
        JsonNode v = get("/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions/latest");
        return new SubjectVersion(v.path("subject").asText(), v.path("version").asInt(), v.path("id").asInt(),
                v.path("schema").asText());
    }

    /** The schema text (Avro JSON) behind the id a Confluent-format record carries. */
    public String schemaById(int id) {
        return get("/schemas/ids/" + id).path("schema").asText();
    }

    private JsonNode get(String path) {
        URI uri = URI.create(ccompatUrl + path);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Schema registry GET " + uri + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Schema registry GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during schema registry GET " + uri, e);
        }
    }
}
