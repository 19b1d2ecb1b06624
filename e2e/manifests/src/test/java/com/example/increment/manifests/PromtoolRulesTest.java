package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The alerts checked by Prometheus's own tools: {@code promtool check rules} on the plain rules file and on what the
 * chart renders from it, and {@code promtool test rules} (files/tests/prometheus-rules-test.yml: each alert fires on
 * a synthetic outage, stays quiet on healthy series), which must fail on a rule that is wrong.
 */
class PromtoolRulesTest {

    private static ManifestProject project;
    private static Path rules;
    private static Path unitTests;

    @BeforeAll
    static void setUp() {
        project = ManifestProject.fromSystemProperties();
        rules = project.helmDir().resolve("files/prometheus-rules.yml");
        unitTests = project.helmDir().resolve("files/tests/prometheus-rules-test.yml");
    }

    @Test
    void thePlainRulesFileChecks() {
        Promtool.Result result = Promtool.orSkip().run(project.helmDir(), "check", "rules", rules.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 5 rules found");
    }

    @Test
    void everyAlertFiresOnItsOutageAndStaysQuietWhenHealthy() {
        Promtool.Result result = Promtool.orSkip().run(unitTests.getParent(), "test", "rules", unitTests.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void theUnitTestsCatchAThresholdBelowTheFailoverTimeOfTheDelay() throws IOException {
        // 20 s is the threshold for a zero delay: with the defaults' 60 s delay it would alert on a normal failover.
        Path dir = project.targetDir().resolve("promtool/mutated");
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("prometheus-rules.yml"), Files.readString(rules).replace("\n          > 80\n",
                "\n          > 20\n"));
        Files.copy(unitTests, dir.resolve("tests/prometheus-rules-test.yml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Promtool.Result result = Promtool.orSkip().run(dir.resolve("tests"), "test", "rules", "prometheus-rules-test.yml");

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("resumes on another worker within the failover time");
    }

    @Test
    void theChartsRenderedRulesCheckForEachDelay() throws IOException {
        HelmChart helm = new HelmChart(project);
        Map<String, Rendered> renderings = Map.of(
                "defaults", helm.template("defaults"),
                "no-delay", helm.template("monitoring", helm.ciValues("monitoring-values.yaml")),
                "connect-default-delay", helm.template("Connect's default delay",
                        Map.of("connect.config.scheduled\\.rebalance\\.max\\.delay\\.ms", "null")));
        Promtool promtool = Promtool.orSkip();
        Path dir = project.targetDir().resolve("promtool/rendered");
        Files.createDirectories(dir);
        for (Map.Entry<String, Rendered> rendering : renderings.entrySet()) {
            ObjectNode spec = (ObjectNode) rendering.getValue().only("PrometheusRule").path("spec");
            Path file = dir.resolve(rendering.getKey() + ".yml");
            Files.writeString(file, Yaml.write(spec));

            Promtool.Result result = promtool.run(dir, "check", "rules", file.toString());

            assertThat(result.exitCode()).as("%s: %s", rendering.getKey(), result.output()).isZero();
        }
    }
}
