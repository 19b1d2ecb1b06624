package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.example.increment.verify.VerifyCommand;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The `helm test` Job, rendered for every preset (JSON and Avro; tls, scram-sha-512 and none): its script writes the
 * client properties Kafka's clients need for the listener and hands over to the project's verifier (VerifyCommand,
 * in the image at /opt/increment/verify), whose own parser accepts the command line. Run by bash here with a `java`
 * stand-in that records its arguments; the local-cluster proof (HelmTestCommandProofTest) runs the real java on it.
 */
class HelmTestJobTest {

    private static final long TIMEOUT_SECONDS = 30;

    @TempDir
    Path dir;

    /** What the script handed to java, and the client properties it wrote. */
    record Run(int exitCode, String output, List<String> javaArgs, Properties clientProperties, Map<String, String> env) {
    }

    static Stream<Arguments> jobs() {
        HelmChart helm = new HelmChart(ManifestProject.fromSystemProperties());
        List<Arguments> all = new ArrayList<>();
        for (Path preset : helm.presets()) {
            all.add(Arguments.of(preset.getParent().getFileName() + "/" + preset.getFileName(), Map.of(), preset));
        }
        for (String auth : List.of("tls", "scram-sha-512", "none")) {
            all.add(Arguments.of("auth " + auth, Map.of("security.authentication", auth), null));
            all.add(Arguments.of("auth " + auth + ", Avro", Map.of("security.authentication", auth, "schemaRegistry.enabled", true), null));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobs")
    void theJobRunsTheProjectsVerifierWithTheListenersClientSettings(String name, Map<String, Object> sets, Path preset) throws Exception {
        HelmChart helm = new HelmChart(ManifestProject.fromSystemProperties());
        Rendered rendered = preset == null ? helm.templateWithTests(name, sets) : helm.templateWithTests(name, sets, preset);
        JsonNode job = rendered.only("Job");
        JsonNode values = Yaml.read(ManifestProject.fromSystemProperties().helmDir().resolve("values.yaml"));
        Run run = run(job);
        assertThat(run.exitCode()).as(run.output()).isZero();

        List<String> args = run.javaArgs();
        int main = args.indexOf("com.example.increment.verify.VerifyCommand");
        assertThat(main).as("java runs the verifier: %s", args).isPositive();
        assertThat(args.get(args.indexOf("-cp") + 1)).startsWith("/opt/increment/verify/*:/opt/kafka/libs/*");
        String[] verifyArgs = args.subList(main + 1, args.size()).toArray(String[]::new);
        VerifyCommand.checkArguments(verifyArgs);
        List<String> verify = List.of(verifyArgs);
        assertThat(verify).contains("--read-committed");
        assertThat(after(verify, "--bootstrap-server")).isEqualTo(run.env().get("BOOTSTRAP"));
        assertThat(after(verify, "--expect")).isEqualTo(run.env().get("INCREMENTS"));
        assertThat(after(verify, "--prefix")).isEqualTo(run.env().get("PREFIX"));

        boolean avro = rendered.find("Deployment").isPresent();
        if (avro) {
            assertThat(after(verify, "--registry-url")).isEqualTo("http://" + Rendered.name(rendered.only("Service")) + ":8080");
        } else {
            assertThat(verify).doesNotContain("--registry-url");
        }

        String auth = run.env().get("AUTH");
        Properties client = run.clientProperties();
        switch (auth) {
            case "tls" -> assertThat(client).containsEntry("security.protocol", "SSL")
                    .containsEntry("ssl.keystore.password", "user-secret").containsEntry("ssl.truststore.password", "ca-secret");
            case "scram-sha-512" -> {
                assertThat(client).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
                assertThat(client.getProperty("sasl.jaas.config")).contains("username=\"increment-reader\"")
                        .contains("password=\"scram-secret\"");
            }
            case "none" -> assertThat(client).isEmpty();
            default -> throw new AssertionError("auth " + auth);
        }
        JsonNode pod = job.path("spec").path("template").path("spec");
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(values.path("tests").path("timeoutSeconds").asInt()).isEqualTo(job.path("spec").path("activeDeadlineSeconds").asInt());
    }

    private static String after(List<String> args, String option) {
        int i = args.indexOf(option);
        assertThat(i).as("%s in %s", option, args).isNotNegative();
        return args.get(i + 1);
    }

    /** Runs the Job's script with the Strimzi secrets as files and a `java` that records its arguments. */
    private Run run(JsonNode job) throws Exception {
        JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(container.path("command").toString()).contains("/bin/bash");
        String script = container.path("args").get(0).asText();
        Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));

        Path certs = dir.resolve("certs");
        Files.createDirectories(certs.resolve("ca"));
        Files.createDirectories(certs.resolve("user"));
        Files.writeString(certs.resolve("ca/ca.password"), "ca-secret");
        Files.writeString(certs.resolve("user/user.password"), "user-secret");
        Files.writeString(certs.resolve("user/password"), "scram-secret");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path recorded = dir.resolve("java-args");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"" + recorded + "\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));

        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("CERTS", certs.toString());
        builder.environment().put("TMPDIR", tmp.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the test Job's script did not finish in " + TIMEOUT_SECONDS + " s: " + output);
        }
        Properties client = new Properties();
        try (var in = Files.newBufferedReader(tmp.resolve("client.properties"))) {
            client.load(in);
        }
        List<String> javaArgs = Files.exists(recorded) ? Files.readAllLines(recorded) : List.of();
        return new Run(process.exitValue(), output, javaArgs, client, env);
    }
}
