package com.example.increment.manifests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.fabric8.kubernetes.client.CustomResource;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Strimzi's CRDs, generated from the {@code io.strimzi:api} model on the classpath by {@code io.strimzi:crd-generator}
 * (the tool Strimzi builds its own CRDs with), into target/strimzi-crds. Each CR is validated against its kind's
 * openAPIV3Schema, made strict: an object with declared properties accepts no other field, as the API server would
 * prune it (Strimzi ignores it with a warning at best).
 */
final class StrimziCrdSchemas {

    static final String GROUP = "kafka.strimzi.io";
    static final String API_VERSION = GROUP + "/v1";

    /** The kinds the manifests use, with the model class that is their CRD's source. */
    static final Map<String, Class<? extends CustomResource<?, ?>>> KINDS = kinds();

    private static final long GENERATOR_TIMEOUT_SECONDS = 120;
    /** Keywords whose values are not schemas to close (oneOf alternatives list only the properties they require). */
    private static final Set<String> NOT_SCHEMAS = Set.of("enum", "example", "required", "oneOf", "anyOf", "allOf", "not");
    private static StrimziCrdSchemas instance;

    private final Map<String, JsonSchema> schemas;
    private final Map<String, JsonNode> crds;

    private StrimziCrdSchemas(Map<String, JsonNode> crds) {
        this.crds = crds;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        Map<String, JsonSchema> byKind = new LinkedHashMap<>();
        crds.forEach((kind, crd) -> byKind.put(kind, factory.getSchema(strict(openApiSchema(kind, crd).deepCopy()))));
        this.schemas = byKind;
    }

    /** Generated once per test JVM. */
    static synchronized StrimziCrdSchemas get(ManifestProject project) {
        if (instance == null) {
            instance = new StrimziCrdSchemas(generate(project.targetDir().resolve("strimzi-crds")));
        }
        return instance;
    }

    JsonNode crd(String kind) {
        JsonNode crd = crds.get(kind);
        if (crd == null) {
            throw new IllegalArgumentException("No CRD generated for kind " + kind + "; known: " + crds.keySet());
        }
        return crd;
    }

    /** Schema violations of one CR, each naming the field; empty when it is valid. */
    List<String> validate(ObjectNode resource) {
        String kind = Rendered.kind(resource);
        JsonSchema schema = schemas.get(kind);
        if (schema == null) {
            return List.of("no Strimzi CRD schema for kind " + kind);
        }
        return schema.validate(resource).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static Map<String, JsonNode> generate(Path dir) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "io.strimzi.crdgenerator.CrdGenerator",
                "--yaml", "--crd-api-version", "v1", "--api-versions", "v1", "--storage-version", "v1"));
        KINDS.forEach((kind, model) -> command.add(model.getName() + "=" + dir.resolve(kind + ".yaml")));
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve("crd-generator.log");
            // A child JVM: the generator's main() ends with System.exit.
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(GENERATOR_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Strimzi's CrdGenerator did not finish in " + GENERATOR_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Strimzi's CrdGenerator failed (exit " + process.exitValue() + "): "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            Map<String, JsonNode> crds = new LinkedHashMap<>();
            for (String kind : KINDS.keySet()) {
                crds.put(kind, Yaml.read(dir.resolve(kind + ".yaml")));
            }
            return crds;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot generate Strimzi's CRDs into " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while generating Strimzi's CRDs", e);
        }
    }

    private static JsonNode openApiSchema(String kind, JsonNode crd) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("name").asText().equals("v1")) {
                return version.path("schema").path("openAPIV3Schema");
            }
        }
        throw new IllegalStateException("The generated " + kind + " CRD serves no v1 version: " + crd.path("spec").path("versions"));
    }

    /** Closes every object schema that declares its properties and does not preserve unknown fields. */
    private static JsonNode strict(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties") && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                    && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(entry -> {
                if (!NOT_SCHEMAS.contains(entry.getKey())) {
                    strict(entry.getValue());
                }
            });
        } else if (schema.isArray()) {
            schema.forEach(StrimziCrdSchemas::strict);
        }
        return schema;
    }

    private static Map<String, Class<? extends CustomResource<?, ?>>> kinds() {
        Map<String, Class<? extends CustomResource<?, ?>>> kinds = new LinkedHashMap<>();
        kinds.put("Kafka", Kafka.class);
        kinds.put("KafkaNodePool", KafkaNodePool.class);
        kinds.put("KafkaConnect", KafkaConnect.class);
        kinds.put("KafkaConnector", KafkaConnector.class);
        kinds.put("KafkaUser", KafkaUser.class);
        kinds.put("KafkaTopic", KafkaTopic.class);
        return kinds;
    }
}
