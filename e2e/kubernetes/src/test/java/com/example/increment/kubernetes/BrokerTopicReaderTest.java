package com.example.increment.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MessageFormatter;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import com.example.increment.verify.SequenceRecord;

class BrokerTopicReaderTest {

    @Test
    void parsesWhatKafkasOwnConsoleFormatterPrintsForTheOptionsTheReaderPasses() throws Exception {
        String printed = formatWithKafkasDefaultMessageFormatter(List.of(
                record(0, 41, 1_764_000_000_123L, "100", "{\"threadId\":31,\"hostname\":\"increment-connect-0\",\"value\":4100}"),
                record(0, 42, 1_764_000_000_223L, "100", "{\"value\":4200,\"note\":\"a\ttab\"}")));

        List<TopicRecord> records = BrokerTopicReader.parse("seq_100", printed);

        assertThat(records).containsExactly(
                new TopicRecord("seq_100", 0, 41, 1_764_000_000_123L, "100",
                        "{\"threadId\":31,\"hostname\":\"increment-connect-0\",\"value\":4100}"),
                new TopicRecord("seq_100", 0, 42, 1_764_000_000_223L, "100", "{\"value\":4200,\"note\":\"a\ttab\"}"));
    }

    @Test
    void skipsLinesThatAreNotRecords() {
        String output = """
                [2026-11-25 16:00:00,000] WARN something the tool said (org.apache.kafka.clients.NetworkClient)
                CreateTime:1764000000123\tPartition:2\tOffset:7\t1\t{"value":8}
                Processed a total of 1 messages
                """;

        assertThat(BrokerTopicReader.parse("seq_1", output))
                .containsExactly(new TopicRecord("seq_1", 2, 7, 1_764_000_000_123L, "1", "{\"value\":8}"));
    }

    @Test
    void printedSequenceValuesBecomeSequenceRecordsThroughTheVerifiersJsonParser() {
        String output = "CreateTime:1764000000123\tPartition:2\tOffset:7\t100\t"
                + "{\"threadId\":31,\"hostname\":\"increment-connect-0\",\"value\":4100}\n";

        assertThat(BrokerTopicReader.parse("seq_100", output)).singleElement()
                .extracting(TopicRecord::toSequenceRecord)
                .isEqualTo(new SequenceRecord("seq_100", 2, 7, "100", 4100, 31, "increment-connect-0",
                        Instant.ofEpochMilli(1_764_000_000_123L)));
    }

    @Test
    void aPrintedValueThatIsNoSequenceValueNamesTheRecord() {
        TopicRecord record = BrokerTopicReader.parse("seq_1",
                "CreateTime:1764000000123\tPartition:0\tOffset:3\t1\t{\"threadId\":1}\n").getFirst();

        assertThatThrownBy(record::toSequenceRecord).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("seq_1-0@3")
                .hasMessageContaining("{\"threadId\":..,\"hostname\":..,\"value\":..}");
    }

    @Test
    void theCommandReadsFromTheBeginningAndEndsWhenTheTopicGoesQuiet() {
        BrokerTopicReader reader = new BrokerTopicReader(null, "ns", "kafka", java.time.Duration.ofSeconds(1));

        assertThat(String.join(" ", reader.command("seq_1", true)))
                .startsWith("/opt/kafka/bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic seq_1"
                        + " --from-beginning --timeout-ms 10000 --isolation-level read_committed")
                .contains("--formatter-property print.timestamp=true", "--formatter-property print.partition=true",
                        "--formatter-property print.offset=true", "--formatter-property print.key=true")
                .doesNotContain("--command-config");
        assertThat(String.join(" ", reader.using("localhost:9093", Optional.of("/tmp/client.properties"))
                .command("seq_1", false)))
                .contains("--bootstrap-server localhost:9093", "--isolation-level read_uncommitted",
                        "--command-config /tmp/client.properties");
    }

    /** Runs Kafka 4.3.1's own DefaultMessageFormatter (from kafka-tools, as the console consumer does). */
    private static String formatWithKafkasDefaultMessageFormatter(List<ConsumerRecord<byte[], byte[]>> records)
            throws Exception {
        String classpathFile = System.getProperty("increment.kafka.classpath.file", "");
        assumeTrue(!classpathFile.isBlank() && Files.isRegularFile(Path.of(classpathFile)),
                "Kafka's classpath file (increment.kafka.classpath.file) is not built, so kafka-tools is not at hand");
        URL[] toolJars = Arrays.stream(Files.readString(Path.of(classpathFile)).strip().split(java.io.File.pathSeparator))
                .filter(p -> p.contains("/kafka-tools")).map(p -> {
                    try {
                        return Path.of(p).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalArgumentException(p, e);
                    }
                }).toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(toolJars, BrokerTopicReaderTest.class.getClassLoader())) {
            Constructor<?> ctor = loader.loadClass("org.apache.kafka.tools.consumer.DefaultMessageFormatter")
                    .getDeclaredConstructor();
            ctor.setAccessible(true);
            MessageFormatter formatter = (MessageFormatter) ctor.newInstance();
            Map<String, String> props = new HashMap<>();
            BrokerTopicReader reader = new BrokerTopicReader(null, "ns", "kafka", java.time.Duration.ofSeconds(1));
            List<String> command = reader.command("t", false);
            for (int i = 0; i < command.size(); i++) {
                if (command.get(i).equals("--formatter-property")) {
                    String[] kv = command.get(i + 1).split("=", 2);
                    props.put(kv[0], kv[1]);
                }
            }
            formatter.configure(props);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
                records.forEach(r -> formatter.writeTo(r, print));
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, long timestamp, String key,
                                                         String value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>("seq_100", partition, offset, timestamp, TimestampType.CREATE_TIME, k.length,
                v.length, k, v, new RecordHeaders(), Optional.empty());
    }
}
