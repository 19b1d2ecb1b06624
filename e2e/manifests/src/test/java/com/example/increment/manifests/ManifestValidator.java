package com.example.increment.manifests;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Checks one rendered document as the cluster would take it: a Strimzi CR must read into the {@code io.strimzi:api}
 * model with no unknown field and pass its CRD schema; any other kind must read into fabric8's Kubernetes model, or
 * for the Prometheus Operator's PodMonitor and PrometheusRule into fabric8's monitoring model
 * ({@code io.fabric8:openshift-model-monitoring}), with no unknown field. The models keep unknown fields aside instead
 * of failing, so those are looked for.
 */
final class ManifestValidator {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private final StrimziCrdSchemas schemas;

    ManifestValidator(StrimziCrdSchemas schemas) {
        this.schemas = schemas;
    }

    /** Problems of one document, each prefixed with its kind/name; empty when it is valid. */
    List<String> problems(ObjectNode document) {
        String id = Rendered.id(document);
        List<String> problems = new ArrayList<>();
        String apiVersion = document.path("apiVersion").asText();
        String kind = Rendered.kind(document);
        if (apiVersion.startsWith(StrimziCrdSchemas.GROUP + "/")) {
            if (!apiVersion.equals(StrimziCrdSchemas.API_VERSION)) {
                problems.add(id + ": apiVersion " + apiVersion + " is not served by Strimzi 1.2 (only " + StrimziCrdSchemas.API_VERSION + ")");
            }
            var model = StrimziCrdSchemas.KINDS.get(kind);
            if (model == null) {
                problems.add(id + ": " + kind + " is not a kind the manifests are checked for: " + StrimziCrdSchemas.KINDS.keySet());
                return problems;
            }
            try {
                unknownFields(STRICT.treeToValue(document, model), kind, problems);
            } catch (Exception e) {
                problems.add(id + ": does not read into " + model.getName() + ": " + e.getMessage());
            }
            schemas.validate(document).forEach(message -> problems.add(id + ": CRD schema: " + message));
            droppedConfig(document, problems);
        } else {
            try {
                KubernetesResource resource = KUBERNETES.unmarshal(Yaml.write(document), KubernetesResource.class);
                if (!(resource instanceof HasMetadata typed) || typed.getClass().getName().contains("GenericKubernetesResource")) {
                    problems.add(id + ": " + apiVersion + " " + kind + " is not a Kubernetes kind fabric8 knows");
                } else {
                    unknownFields(typed, kind, problems);
                }
            } catch (Exception e) {
                problems.add(id + ": does not read as a Kubernetes object: " + e.getMessage());
            }
        }
        return problems.stream().map(p -> p.startsWith(id) ? p : id + ": " + p).distinct().toList();
    }

    /** Config keys Strimzi would drop without failing the apply. */
    private static void droppedConfig(ObjectNode document, List<String> problems) {
        var checks = switch (Rendered.kind(document)) {
            case "KafkaConnect" -> Map.of(DroppedConfig.KAFKA_CONNECT, document.path("spec").path("config"));
            case "Kafka" -> Map.of(DroppedConfig.KAFKA_BROKER, document.path("spec").path("kafka").path("config"));
            case "KafkaConnector" -> Map.of(DroppedConfig.KAFKA_CONNECTOR, document.path("spec").path("config"));
            default -> Map.<DroppedConfig, com.fasterxml.jackson.databind.JsonNode>of();
        };
        checks.forEach((dropped, config) -> config.fieldNames().forEachRemaining(key -> {
            if (dropped.drops(key)) {
                problems.add("config key '" + key + "' is one Strimzi silently drops (" + dropped + ")");
            }
        }));
    }

    /** Walks a model object's getters for fields the model did not know (kept in additionalProperties). */
    static void unknownFields(Object value, String path, List<String> problems) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof Character) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key, problems));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.strimzi.api") && !pkg.startsWith("io.fabric8.kubernetes.api.model")
                && !pkg.startsWith("io.fabric8.openshift.api.model.monitoring")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add("unknown field(s) at " + path + ": " + extra.keySet());
                }
            } else {
                unknownFields(child, path + "." + property(getter.getName()), problems);
            }
        }
    }

    private static String property(String getter) {
        String name = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
