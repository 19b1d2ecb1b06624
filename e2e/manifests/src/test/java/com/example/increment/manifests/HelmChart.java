package com.example.increment.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.TemplateCommand;

/** The real Helm (helm-java, in-process) on the chart: lint and template, values.schema.json enforced. */
final class HelmChart {

    static final String RELEASE = "increment";
    static final String NAMESPACE = "increment";
    /** The lowest Kubernetes the chart supports; helm template's own default (1.20) is below Chart.yaml's kubeVersion. */
    static final String KUBE_VERSION = "1.30.0";

    private final ManifestProject project;

    HelmChart(ManifestProject project) {
        this.project = project;
    }

    LintResult lintStrict() {
        return new Helm(project.helmDir()).lint().strict().call();
    }

    /** Renders with the given --set values; the CRD check is off (no cluster here) unless the values say otherwise. */
    Rendered template(String source, Map<String, Object> sets, Path... valuesFiles) {
        return new Rendered(source, Yaml.documents(templateText(project.helmDir(), sets, valuesFiles)));
    }

    Rendered template(String source, Path... valuesFiles) {
        return template(source, Map.of(), valuesFiles);
    }

    /** Like {@link #template}, plus the `helm test` hooks, which helm-java's template leaves out with every hook. */
    Rendered templateWithTests(String source, Map<String, Object> sets, Path... valuesFiles) {
        return new Rendered(source, Yaml.documents(templateText(chartWithTestsAsManifests(), sets, valuesFiles)));
    }

    String templateText(Path chart, Map<String, Object> sets, Path... valuesFiles) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("crdCheck.enabled", false);
        all.putAll(sets);
        TemplateCommand command = new Helm(chart).template()
                .withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
        for (Path file : valuesFiles) {
            command = command.withValuesFile(file);
        }
        for (Map.Entry<String, Object> set : all.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    /** `helm install --dry-run=client`: the install path (.Release.IsInstall), NOTES.txt included, no cluster. */
    Release installDryRun(Map<String, Object> sets) {
        InstallCommand command = new Helm(project.helmDir()).install()
                .withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION).clientOnly().dryRun();
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    /** Path of a values file of the chart's ci/ folder (the matrix the checks render). */
    Path ciValues(String name) {
        Path file = project.helmDir().resolve("ci").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No values file " + file);
        }
        return file;
    }

    /** Path of a user preset in the chart's examples/ folder (documented in helm/README.md). */
    Path exampleValues(String name) {
        Path file = project.helmDir().resolve("examples").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No values file " + file);
        }
        return file;
    }

    /** Every values file of ci/ (the checks' matrix) and examples/ (the user presets). */
    List<Path> presets() {
        List<Path> all = new java.util.ArrayList<>();
        for (String folder : List.of("ci", "examples")) {
            try (Stream<Path> files = Files.list(project.helmDir().resolve(folder))) {
                files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().forEach(all::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /** A copy of the chart in target/ whose test hooks are plain manifests, so that template shows them. */
    private Path chartWithTestsAsManifests() {
        Path copy = project.targetDir().resolve("helm-tests-as-manifests").resolve(project.helmDir().getFileName());
        try {
            if (Files.exists(copy)) {
                try (Stream<Path> old = Files.walk(copy)) {
                    old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
                }
            }
            try (Stream<Path> files = Files.walk(project.helmDir())) {
                for (Path source : files.toList()) {
                    Path target = copy.resolve(project.helmDir().relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else if (source.getParent().endsWith(Path.of("templates", "tests"))) {
                        List<String> lines = Files.readAllLines(source).stream()
                                .filter(line -> !line.contains("\"helm.sh/hook")).toList();
                        Files.write(target, lines);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the chart to " + copy, e);
        }
        return copy;
    }
}
