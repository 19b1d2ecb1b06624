package com.example.increment.image;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One image name: the parent pom's {@code increment.image} (what {@code make image} builds by default) is the
 * image the Helm chart and the Kustomize base deploy by default.
 */
class ImageNameAgreementTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final String IMAGE = System.getProperty("increment.image", "");

    @Test
    void helmChartDefaultsToTheImageThePomBuilds() throws IOException {
        assertThat(IMAGE).as("system property increment.image (set by the pom)").isNotBlank();
        assertThat(valueUnder(ROOT.resolve("helm/values.yaml"), "connect", "image"))
                .as("helm/values.yaml connect.image").isEqualTo(IMAGE);
    }

    @Test
    void kustomizeBaseDefaultsToTheImageThePomBuilds() throws IOException {
        assertThat(valueUnder(ROOT.resolve("k8s/base/kafkaconnect.yaml"), "spec", "image"))
                .as("k8s/base/kafkaconnect.yaml spec.image").isEqualTo(IMAGE);
    }

    /** The scalar {@code top.key} of a plain YAML file (two-space indent), without a YAML library. */
    private static String valueUnder(Path yaml, String top, String key) throws IOException {
        List<String> lines = Files.readAllLines(yaml);
        Pattern keyLine = Pattern.compile("^  " + Pattern.quote(key) + ":\\s*\"?([^\"#\\s]+)\"?\\s*(#.*)?$");
        boolean inside = false;
        for (String line : lines) {
            if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("#")) {
                inside = line.startsWith(top + ":");
            } else if (inside) {
                Matcher m = keyLine.matcher(line);
                if (m.matches()) {
                    return m.group(1);
                }
            }
        }
        throw new AssertionError(yaml + " has no " + top + "." + key);
    }
}
