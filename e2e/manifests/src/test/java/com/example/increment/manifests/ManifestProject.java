package com.example.increment.manifests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the chart and the Kustomize tree live and what they must agree with, as the e2e pom passes them to surefire. */
record ManifestProject(Path helmDir, Path k8sDir, Path targetDir, String version, String image, String kubectl) {

    static ManifestProject fromSystemProperties() {
        Path basedir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        return new ManifestProject(
                directory("increment.helm.dir", basedir.resolve("../helm")),
                directory("increment.k8s.dir", basedir.resolve("../k8s")),
                basedir.resolve("target"),
                required("increment.version"),
                required("increment.image"),
                System.getProperty("kubectl", "kubectl"));
    }

    private static Path directory(String property, Path fallback) {
        Path dir = Path.of(System.getProperty(property, fallback.toString())).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("System property " + property + " points to " + dir + ", which is not a directory");
        }
        return dir;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property
                    + " is not set: run the manifest checks through Maven (e2e/pom.xml passes it to surefire)");
        }
        return value;
    }
}
