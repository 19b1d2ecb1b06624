package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.example.increment.connect.IncrementConnector;
import com.example.increment.local.ClusterLogsOnFailure;
import com.example.increment.local.LocalClusterSettings;
import com.example.increment.local.NoProcessLeftBehind;
import com.example.increment.local.registry.AvroLocalCluster;
import com.example.increment.support.Waits;
import com.example.increment.verify.SequenceVerifier;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * `helm test`'s command, proven on real processes: the Job's script as the chart renders it (security off, as the
 * local broker's plain listener), run by bash with the real java, the verifier folder the image carries
 * (image/verify-tool) and Kafka's jars in place of /opt/kafka/libs. It passes on the connector's JSON and Avro
 * sequences, and fails (exit 1) on a topic with a planted gap.
 */
@Tag("local-cluster") // starts Kafka processes: `make unit` leaves it out
class HelmTestCommandProofTest {

    private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(90);
    private static final long SCRIPT_TIMEOUT_SECONDS = 180;
    private static final List<Long> PIDS = new ArrayList<>();
    private static AvroLocalCluster avro;
    private static String classpath;

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure(() -> avro == null ? List.of() : avro.logFiles());

    @BeforeAll
    static void startCluster() throws IOException {
        String kafkaClasspath = Files.readString(Path.of(System.getProperty("increment.kafka.classpath.file"))).strip();
        classpath = System.getProperty("increment.verify.tool.dir") + "/*:" + kafkaClasspath + ":"
                + System.getProperty("increment.registry.converter.plugin") + "/*";
        avro = AvroLocalCluster.onFreePorts(LocalClusterSettings.ephemeral("helm-test-proof", 1));
        avro.start();
        PIDS.add(avro.cluster().broker().process().pid());
        avro.cluster().runningWorkers().forEach(w -> w.process().ifPresent(p -> PIDS.add(p.pid())));
        PIDS.add(avro.registry().process().pid());
        // JSON on json_1, json_100 and Avro on avro_1, avro_100: the chart's two value formats.
        Map<String, String> json = new LinkedHashMap<>(IncrementConnector.config(1));
        json.put("topic.prefix", "json_");
        avro.cluster().putConnector("json", json);
        Map<String, String> avroConfig = new LinkedHashMap<>(avro.avroConnectorConfig(IncrementConnector.config(1)));
        avroConfig.put("topic.prefix", "avro_");
        avro.cluster().putConnector("avro", avroConfig);
        avro.cluster().awaitRunning("json", 1);
        avro.cluster().awaitRunning("avro", 1);
        for (String prefix : List.of("json_", "avro_")) {
            Waits.waitFor("20 records in each " + prefix + " sequence", FLOW_TIMEOUT,
                    () -> new SequenceVerifier(avro.cluster().bootstrapServers(), prefix, false,
                            prefix.equals("avro_") ? new com.example.increment.verify.AvroValueDecoder(avro.registry().ccompatUrl())
                                    : com.example.increment.verify.ValueDecoder.json()).verify(),
                    r -> r.sequences().size() == 2 && r.sequences().values().stream().allMatch(s -> s.count() >= 20));
        }
    }

    @AfterAll
    static void stopCluster() {
        if (avro != null) {
            avro.close();
            NoProcessLeftBehind.check(PIDS);
        }
    }

    @Test
    void theJobsCommandPassesOnTheJsonSequences() throws Exception {
        Result result = runJob("json_", false);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("json_1").contains("json_100");
    }

    @Test
    void theJobsCommandPassesOnTheAvroSequencesThroughTheRegistry() throws Exception {
        Result result = runJob("avro_", true);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("avro_1").contains("avro_100");
    }

    @Test
    void theJobsCommandFailsOnAPlantedGap() throws Exception {
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, avro.cluster().bootstrapServers());
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> p = new KafkaProducer<>(producer)) {
            for (long value : new long[] {1, 2, 3, 5, 6}) { // position 4 missing
                p.send(new ProducerRecord<>("gap_1", "1", "{\"threadId\":1,\"hostname\":\"h\",\"value\":" + value + "}")).get();
            }
        }
        Result result = runJob("gap_", false);
        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("gap_1");
    }

    record Result(int exitCode, String output) {
    }

    /** The chart's Job script, rendered for this prefix (increments 1,100 or, for the gap, 1), run as the pod would. */
    private static Result runJob(String prefix, boolean schemaRegistry) throws Exception {
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("security.authentication", "none");
        sets.put("connector.topicPrefix", prefix);
        sets.put("schemaRegistry.enabled", schemaRegistry);
        // A values file, not --set: Helm's --set would read a lone "1" as a number, which the schema refuses.
        Path increments = Files.createTempFile("helm-test-proof", ".yaml");
        Files.writeString(increments, "connector:\n  increments: \"" + (prefix.equals("gap_") ? "1" : "1,100") + "\"\n");
        JsonNode container = new HelmChart(ManifestProject.fromSystemProperties())
                .templateWithTests("helm test " + prefix, sets, increments)
                .only("Job").path("spec").path("template").path("spec").path("containers").get(0);
        String script = container.path("args").get(0).asText();
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        container.path("env").forEach(e -> builder.environment().put(e.path("name").asText(), e.path("value").asText()));
        // What Kubernetes' DNS and the image's paths give the pod, here: the local broker, registry and jars.
        builder.environment().put("BOOTSTRAP", avro.cluster().bootstrapServers());
        if (schemaRegistry) {
            builder.environment().put("REGISTRY_URL", avro.registry().url());
        }
        builder.environment().put("VERIFY_CLASSPATH", classpath);
        builder.environment().put("TMPDIR", Files.createTempDirectory("helm-test-proof").toString());
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the Job's command did not finish in " + SCRIPT_TIMEOUT_SECONDS + " s: " + output);
        }
        System.out.println("helm test command (" + prefix + "), exit " + process.exitValue() + ":\n" + output);
        return new Result(process.exitValue(), output);
    }
}
