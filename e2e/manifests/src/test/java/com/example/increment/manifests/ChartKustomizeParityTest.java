package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Helm and Kustomize render the same resources for the same settings, labels aside: one source of truth. */
class ChartKustomizeParityTest {

    private static HelmChart helm;
    private static Kustomize kustomize;

    @BeforeAll
    static void setUp() {
        ManifestProject project = ManifestProject.fromSystemProperties();
        helm = new HelmChart(project);
        kustomize = new Kustomize(project);
    }

    @Test
    void helmDefaultsAndTheDevOverlayRenderTheSameResources() {
        assertSame(helm.template("helm defaults"), kustomize.build("overlays/dev"));
    }

    @Test
    void helmProdValuesAndTheProdOverlayRenderTheSameResources() {
        assertSame(helm.template("helm ci/prod-values.yaml", helm.ciValues("prod-values.yaml")), kustomize.build("overlays/prod"));
    }

    private static void assertSame(Rendered helmRendered, Rendered kustomizeRendered) {
        Map<String, String> fromHelm = normalized(helmRendered);
        Map<String, String> fromKustomize = normalized(kustomizeRendered);
        assertThat(fromKustomize.keySet()).as("resources of %s vs %s", kustomizeRendered, helmRendered)
                .containsExactlyElementsOf(fromHelm.keySet());
        fromHelm.forEach((id, yaml) -> assertThat(fromKustomize.get(id))
                .as("%s from %s vs %s", id, kustomizeRendered, helmRendered).isEqualTo(yaml));
    }

    /** Each resource by kind/name, without the labels and annotations each tool adds (Strimzi's labels stay). */
    private static Map<String, String> normalized(Rendered rendered) {
        Map<String, String> byId = new TreeMap<>();
        for (ObjectNode document : rendered.documents()) {
            ObjectNode copy = document.deepCopy();
            ObjectNode metadata = (ObjectNode) copy.path("metadata");
            metadata.remove("namespace");
            if (metadata.get("labels") instanceof ObjectNode labels) {
                List<String> added = labels.properties().stream().map(Map.Entry::getKey)
                        .filter(label -> !label.startsWith("strimzi.io/")).toList();
                labels.remove(added);
                if (labels.isEmpty()) {
                    metadata.remove("labels");
                }
            }
            byId.put(Rendered.id(copy), Yaml.write(sorted(copy)));
        }
        return byId;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            object.properties().forEach(field -> fields.put(field.getKey(), sorted(field.getValue())));
            ObjectNode result = Yaml.MAPPER.createObjectNode();
            fields.forEach(result::set);
            return result;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode result = Yaml.MAPPER.createArrayNode();
            array.forEach(item -> result.add(sorted(item)));
            return result;
        }
        return node;
    }
}
