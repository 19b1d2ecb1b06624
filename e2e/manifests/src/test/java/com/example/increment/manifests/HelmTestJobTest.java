package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The `helm test` Job's script, as the chart renders it, run by bash against stand-ins for Kafka's
 * kafka-get-offsets.sh and kafka-console-consumer.sh: it passes on complete sequences (replayed duplicates
 * included) and fails, naming the positions, on a gap or an empty topic.
 */
class HelmTestJobTest {

    private static final long TIMEOUT_SECONDS = 30;
    private static String script;
    private static Map<String, String> env;

    @TempDir
    Path dir;

    record Run(int exitCode, String output) {
    }

    @BeforeAll
    static void render() {
        Rendered rendered = new HelmChart(ManifestProject.fromSystemProperties())
                .templateWithTests("helm test Job", Map.of("security.authentication", "none"));
        JsonNode container = rendered.only("Job").path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(container.path("command").toString()).contains("/bin/bash");
        script = container.path("args").get(0).asText();
        env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        assertThat(env).containsEntry("INCREMENTS", "1,100").containsEntry("PREFIX", "seq_");
    }

    @Test
    void completeSequencesPassEvenWithReplayedDuplicates() throws Exception {
        topic("seq_1", 1, 1, 2, 3, 4, 3, 4, 5);
        topic("seq_100", 100, LongStream.rangeClosed(1, 50).toArray());
        Run run = run();
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("seq_1: 7 records read, positions 1..5, 0 gaps")
                .contains("seq_100: 50 records read, positions 1..50, 0 gaps");
    }

    @Test
    void aGapFailsAndIsNamed() throws Exception {
        topic("seq_1", 1, 1, 2, 3);
        topic("seq_100", 100, 1, 2, 5, 6);
        Run run = run();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("FAIL seq_100: positions 3..4 missing");
    }

    @Test
    void anEmptyTopicFails() throws Exception {
        topic("seq_1", 1, 1, 2, 3);
        topic("seq_100", 100);
        Run run = run();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("FAIL seq_100: no records");
    }

    /** Writes a topic's records (value = position * increment) and its end offset for the stand-ins. */
    private void topic(String topic, long increment, long... positions) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        String records = LongStream.of(positions)
                .mapToObj(p -> "{\"threadId\":1,\"hostname\":\"increment-connect-0\",\"value\":" + p * increment + "}\n")
                .collect(Collectors.joining());
        Files.writeString(data.resolve(topic + ".records"), records);
        Files.writeString(data.resolve(topic + ".end"), String.valueOf(positions.length));
    }

    private Run run() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path work = Files.createDirectories(dir.resolve("work"));
        String topicArg = "topic=''; while [ $# -gt 0 ]; do [ \"$1\" = --topic ] && topic=$2; shift; done\n";
        stub(bin.resolve("kafka-get-offsets.sh"), topicArg + "echo \"$topic:0:$(cat \"$STUB_DATA/$topic.end\")\"\n");
        stub(bin.resolve("kafka-console-consumer.sh"), topicArg + "cat \"$STUB_DATA/$topic.records\"\n");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("KAFKA_BIN", bin.toString());
        builder.environment().put("TMPDIR", work.toString());
        builder.environment().put("STUB_DATA", dir.resolve("data").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the test Job's script did not finish in " + TIMEOUT_SECONDS + " s: " + output);
        }
        return new Run(process.exitValue(), output);
    }

    private static void stub(Path file, String body) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
