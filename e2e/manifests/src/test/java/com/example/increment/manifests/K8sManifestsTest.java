package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * k8s/ is generated from the chart ({@link K8sManifests}): the committed files are what the chart renders now, and
 * Kustomize builds each overlay into exactly what Helm renders for its preset, for every preset of helm/ci/ and
 * helm/examples/. Regenerate with `make k8s-manifests` (this test with -Dincrement.k8s.write=true).
 */
class K8sManifestsTest {

    /** The folders of k8s/ the generator owns, and the hand-written files inside them. */
    static final List<String> GENERATED_DIRS = List.of("base/", "components/", "overlays/");
    static final List<String> HAND_WRITTEN = List.of("base/kustomizeconfig.yaml");

    private static ManifestProject project;
    private static HelmChart helm;
    private static Kustomize kustomize;
    private static K8sManifests generator;
    private static Map<String, String> generated;

    @BeforeAll
    static void generate() {
        project = ManifestProject.fromSystemProperties();
        helm = new HelmChart(project);
        kustomize = new Kustomize(project);
        generator = new K8sManifests(helm);
        generated = generator.generate(project);
    }

    @Test
    void theCommittedFilesAreWhatTheChartRenders() throws IOException {
        Map<String, String> committed = committed(project.k8sDir());
        if (Boolean.getBoolean("increment.k8s.write") && !committed.equals(generated)) {
            for (String stale : committed.keySet()) {
                if (!generated.containsKey(stale)) {
                    Files.delete(project.k8sDir().resolve(stale));
                }
            }
            write(project.k8sDir(), generated);
            committed = committed(project.k8sDir());
        }
        assertThat(new TreeSet<>(committed.keySet())).as("k8s/ files: run `make k8s-manifests`")
                .isEqualTo(new TreeSet<>(generated.keySet()));
        generated.forEach((file, text) -> assertThat(committed(project.k8sDir()).get(file))
                .as("k8s/%s is stale against helm/: run `make k8s-manifests`", file).isEqualTo(text));
    }

    @Test
    void eachCommittedOverlayBuildsWhatHelmRendersForItsPreset() {
        for (K8sManifests.Overlay overlay : K8sManifests.overlays(project)) {
            assertSame(helm.template("helm " + overlay.name(), overlay.valuesFiles().toArray(Path[]::new)),
                    kustomize.build("overlays/" + overlay.name()));
        }
        assertSame(helm.template("helm defaults"), kustomize.build("base"));
    }

    static Stream<Path> presets() {
        return new HelmChart(ManifestProject.fromSystemProperties()).presets().stream();
    }

    /** The generation holds for every preset of the matrix: scram, an external Kafka, Strimzi's build, ... */
    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void everyPresetIsAnOverlayOfTheGeneratedBase(Path preset) {
        String name = preset.getParent().getFileName() + "-" + preset.getFileName().toString().replace(".yaml", "");
        Path root = project.targetDir().resolve("k8s-matrix").resolve(name);
        write(root, generated);
        List<ObjectNode> base = K8sManifests.normalized(helm.template("helm defaults"));
        K8sManifests.Overlay overlay = new K8sManifests.Overlay(name, "preset " + preset, List.of(preset), List.of());
        write(root, generator.overlay("overlays/" + name + "/", "../../", overlay, base));
        Rendered built = new Rendered("kustomize " + name, Yaml.documents(kustomize.buildText(root.resolve("overlays").resolve(name))));
        assertSame(helm.template("helm " + preset.getFileName(), preset), built);
    }

    private static void assertSame(Rendered fromHelm, Rendered fromKustomize) {
        Map<String, String> expected = byId(K8sManifests.normalized(fromHelm));
        Map<String, String> actual = byId(fromKustomize.documents());
        assertThat(actual.keySet()).as("resources of %s vs %s", fromKustomize, fromHelm).isEqualTo(expected.keySet());
        expected.forEach((id, yaml) -> assertThat(actual.get(id)).as("%s from %s vs %s", id, fromKustomize, fromHelm).isEqualTo(yaml));
    }

    private static Map<String, String> byId(List<ObjectNode> documents) {
        Map<String, String> byId = new TreeMap<>();
        documents.forEach(d -> byId.put(Rendered.id(d), Yaml.write(sorted(d))));
        return byId;
    }

    /** Keys in order (Kustomize sorts them, Helm keeps the template's order); arrays keep theirs. */
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

    private static Map<String, String> committed(Path k8s) {
        Map<String, String> files = new TreeMap<>();
        for (String dir : GENERATED_DIRS) {
            Path folder = k8s.resolve(dir);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String relative = k8s.relativize(file).toString();
                    if (!HAND_WRITTEN.contains(relative)) {
                        files.put(relative, Files.readString(file));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static void write(Path root, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = root.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            Path config = root.resolve("base/kustomizeconfig.yaml");
            if (!Files.exists(config)) {
                Files.copy(project.k8sDir().resolve("base/kustomizeconfig.yaml"), config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
