package com.example.increment.manifests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * k8s/ generated from the chart: the chart is the one hand-written source. {@code helm template} with the defaults
 * is the base; a component is what a values set adds (new resources) and changes (JSON 6902 patches) over the
 * defaults; an overlay is what a preset changes over the base and its components. Every kind the chart renders
 * lands in the base, so templates added to the chart later are picked up by the next {@code make k8s-manifests}.
 */
final class K8sManifests {

    static final String HEADER = "# Generated from helm/ by `make k8s-manifests` (K8sManifestsTest): do not edit, change the chart\n"
            + "# or its presets and regenerate. A test fails when this file and the chart disagree.\n";
    /** Labels only Helm sets; the rest of the chart's labels stay in the plain YAML. */
    static final List<String> HELM_ONLY_LABELS = List.of("helm.sh/chart", "app.kubernetes.io/managed-by");

    private static final YAMLMapper WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build();

    /** A component: a values set over the defaults, kept apart so that overlays can use it or not. */
    record Component(String name, String description, Map<String, Object> sets) {
    }

    /** An overlay: a preset (values files) over the base and some components. */
    record Overlay(String name, String description, List<Path> valuesFiles, List<Component> components) {
    }

    private final HelmChart helm;

    K8sManifests(HelmChart helm) {
        this.helm = helm;
    }

    /** The components and overlays k8s/ holds. */
    static List<Component> components() {
        return List.of(new Component("schema-registry",
                "Avro through Apicurio Registry with kafkasql storage (schemas in Kafka topics), on the base's mTLS cluster:\n"
                        + "# the registry's resources, and KafkaConnect's value converter switched to Apicurio's. The Connect image must\n"
                        + "# carry /opt/kafka/plugins/apicurio-converter/ (make image builds it). As `helm template` with\n"
                        + "# schemaRegistry.enabled=true,schemaRegistry.storage=kafkasql.",
                Map.of("schemaRegistry.enabled", true, "schemaRegistry.storage", "kafkasql")));
    }

    static List<Overlay> overlays(ManifestProject project) {
        Component registry = components().get(0);
        return List.of(
                new Overlay("dev", "The chart's defaults: one dual-role Kafka node, ephemeral storage, 2 workers, 2 tasks; JSON values.",
                        List.of(), List.of()),
                new Overlay("prod", "As `helm template -f helm/examples/prod-values.yaml`: 3 KRaft nodes on persistent volumes spread\n"
                        + "# across nodes, 3 workers, 4 tasks over 4 sequences, exactly-once source, Avro through the schema registry.",
                        List.of(project.helmDir().resolve("examples").resolve("prod-values.yaml")), List.of(registry)));
    }

    /** Every generated file, by path relative to k8s/. */
    Map<String, String> generate(ManifestProject project) {
        Map<String, String> files = new TreeMap<>();
        List<ObjectNode> base = normalized(helm.template("helm defaults"));
        files.putAll(resources("base/", base, List.of("kustomizeconfig.yaml"),
                "The increment resources for Strimzi 1.2 (kafka.strimzi.io/v1) as the chart renders them with its defaults.\n"
                        + "# Needs the Strimzi operator (and its CRDs) installed first: see ../gitops/.",
                "Kustomization", List.of(), List.of(), List.of("kustomizeconfig.yaml")));
        for (Component component : components()) {
            List<ObjectNode> with = normalized(helm.template("helm component " + component.name(), component.sets()));
            files.putAll(delta("components/" + component.name() + "/", base, with, component.description(), "Component",
                    List.of(), List.of()));
        }
        for (Overlay overlay : overlays(project)) {
            files.putAll(overlay(overlay, base));
        }
        return files;
    }

    /** One overlay's files, under overlays/NAME/ (or another prefix). */
    Map<String, String> overlay(Overlay overlay, List<ObjectNode> base) {
        return overlay("overlays/" + overlay.name() + "/", "../../", overlay, base);
    }

    Map<String, String> overlay(String dir, String toRoot, Overlay overlay, List<ObjectNode> base) {
        Map<String, Object> componentSets = new LinkedHashMap<>();
        overlay.components().forEach(c -> componentSets.putAll(c.sets()));
        List<ObjectNode> from = componentSets.isEmpty() ? base : normalized(helm.template("helm components", componentSets));
        List<ObjectNode> to = normalized(helm.template("helm " + overlay.name(), overlay.valuesFiles().toArray(Path[]::new)));
        List<String> components = overlay.components().stream().map(c -> toRoot + "components/" + c.name()).toList();
        return delta(dir, from, to, overlay.description(), "Kustomization", List.of(toRoot + "base"), components);
    }

    /** Resources grouped by kind, one file per kind, and their kustomization. */
    private static Map<String, String> resources(String dir, List<ObjectNode> documents, List<String> handWritten,
            String description, String kind, List<String> bases, List<String> components, List<String> configurations) {
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, List<ObjectNode>> byKind = new LinkedHashMap<>();
        documents.forEach(d -> byKind.computeIfAbsent(Rendered.kind(d).toLowerCase(), k -> new ArrayList<>()).add(d));
        List<String> resources = new ArrayList<>(bases);
        byKind.forEach((file, docs) -> {
            files.put(dir + file + ".yaml", HEADER + join(docs));
            resources.add(file + ".yaml");
        });
        files.put(dir + "kustomization.yaml", kustomization(description, kind, resources, components, List.of(), configurations));
        return files;
    }

    /** New resources as files and changed ones as JSON 6902 patches; a resource gone is deleted by a $patch: delete. */
    private static Map<String, String> delta(String dir, List<ObjectNode> from, List<ObjectNode> to, String description,
            String kind, List<String> bases, List<String> components) {
        Map<String, ObjectNode> before = byId(from);
        Map<String, ObjectNode> after = byId(to);
        Map<String, String> files = new LinkedHashMap<>();
        List<String> resources = new ArrayList<>(bases);
        Map<String, List<ObjectNode>> added = new LinkedHashMap<>();
        List<ObjectNode> patches = new ArrayList<>();
        after.forEach((id, document) -> {
            ObjectNode old = before.get(id);
            if (old == null) {
                added.computeIfAbsent(Rendered.kind(document).toLowerCase(), k -> new ArrayList<>()).add(document);
            } else {
                ArrayNode ops = JsonPatchDiff.diff(old, document);
                if (!ops.isEmpty()) {
                    String file = Rendered.kind(document).toLowerCase() + "-" + Rendered.name(document) + "-patch.yaml";
                    files.put(dir + file, HEADER + write(ops));
                    patches.add(patchEntry(file, document));
                }
            }
        });
        before.forEach((id, document) -> {
            if (!after.containsKey(id)) {
                ObjectNode entry = Yaml.MAPPER.createObjectNode();
                ObjectNode delete = Yaml.MAPPER.createObjectNode();
                delete.put("$patch", "delete");
                delete.set("apiVersion", document.get("apiVersion"));
                delete.set("kind", document.get("kind"));
                delete.putObject("metadata").put("name", Rendered.name(document));
                entry.put("patch", write(delete));
                patches.add(entry);
            }
        });
        added.forEach((file, docs) -> {
            files.put(dir + file + ".yaml", HEADER + join(docs));
            resources.add(file + ".yaml");
        });
        files.put(dir + "kustomization.yaml", kustomization(description, kind, resources, components, patches, List.of()));
        return files;
    }

    private static ObjectNode patchEntry(String file, ObjectNode document) {
        ObjectNode entry = Yaml.MAPPER.createObjectNode();
        entry.put("path", file);
        ObjectNode target = entry.putObject("target");
        String apiVersion = document.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        if (slash > 0) {
            target.put("group", apiVersion.substring(0, slash));
        }
        target.put("version", apiVersion.substring(slash + 1));
        target.put("kind", Rendered.kind(document));
        target.put("name", Rendered.name(document));
        return entry;
    }

    private static String kustomization(String description, String kind, List<String> resources, List<String> components,
            List<ObjectNode> patches, List<String> configurations) {
        ObjectNode k = Yaml.MAPPER.createObjectNode();
        k.put("apiVersion", kind.equals("Component") ? "kustomize.config.k8s.io/v1alpha1" : "kustomize.config.k8s.io/v1beta1");
        k.put("kind", kind);
        if (!resources.isEmpty()) {
            resources.forEach(k.putArray("resources")::add);
        }
        if (!components.isEmpty()) {
            components.forEach(k.putArray("components")::add);
        }
        if (!patches.isEmpty()) {
            patches.forEach(k.putArray("patches")::add);
        }
        if (!configurations.isEmpty()) {
            configurations.forEach(k.putArray("configurations")::add);
        }
        return HEADER + "# " + description + "\n" + write(k);
    }

    /** The rendered documents without Helm's own labels; the order Helm renders them in. */
    static List<ObjectNode> normalized(Rendered rendered) {
        List<ObjectNode> documents = new ArrayList<>();
        for (ObjectNode document : rendered.documents()) {
            ObjectNode copy = document.deepCopy();
            ObjectNode metadata = (ObjectNode) copy.path("metadata");
            metadata.remove("namespace");
            if (metadata.get("labels") instanceof ObjectNode labels) {
                labels.remove(HELM_ONLY_LABELS);
                if (labels.isEmpty()) {
                    metadata.remove("labels");
                }
            }
            documents.add(copy);
        }
        return documents;
    }

    private static Map<String, ObjectNode> byId(List<ObjectNode> documents) {
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        documents.forEach(d -> {
            if (byId.put(Rendered.id(d), d) != null) {
                throw new IllegalStateException("Two resources " + Rendered.id(d));
            }
        });
        return byId;
    }

    private static String join(List<ObjectNode> documents) {
        return String.join("---\n", documents.stream().map(K8sManifests::write).toList());
    }

    /** YAML that reads back to the same tree (checked), so a quoting slip can never change a value. */
    static String write(JsonNode node) {
        try {
            String yaml = WRITER.writeValueAsString(node);
            JsonNode back = Yaml.MAPPER.readTree(yaml);
            if (!back.equals(node)) {
                throw new IllegalStateException("YAML does not read back the same: " + yaml);
            }
            return yaml;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
