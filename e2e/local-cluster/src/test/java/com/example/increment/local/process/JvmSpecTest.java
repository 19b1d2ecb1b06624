package com.example.increment.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A process runs the Serial GC of the chart's small pods unless its options choose a collector themselves. */
class JvmSpecTest {

    private static final KafkaRuntime RUNTIME =
            new KafkaRuntime("kafka.jar", Path.of("watchdog.jar"), Path.of("plugins"));

    private static List<String> command(List<String> extraOptions) {
        return new JvmSpec("worker-8083", "org.apache.kafka.connect.cli.ConnectDistributed", List.of(), "512m",
                Path.of("log4j2.properties"), Path.of("worker.log"), extraOptions).command(RUNTIME);
    }

    @Test
    void serialGcByDefault() {
        assertThat(command(List.of())).contains("-XX:+UseSerialGC", "-Xmx512m");
    }

    @Test
    void aCollectorInTheOptionsReplacesTheDefaultAndALaterHeapComesAfterTheDefaultOne() {
        List<String> command = command(List.of("-Xmx2g", "-XX:+UseG1GC"));

        assertThat(command).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC");
        assertThat(command.indexOf("-Xmx2g")).as("the last -Xmx wins").isGreaterThan(command.indexOf("-Xmx512m"));
    }

    @Test
    void onlyUseXxxGcFlagsCountAsACollector() {
        assertThat(JvmSpec.choosesCollector("-XX:+UseParallelGC")).isTrue();
        assertThat(JvmSpec.choosesCollector("-XX:+UseStringDeduplication")).isFalse();
        assertThat(JvmSpec.choosesCollector("-XX:NewRatio=1")).isFalse();
    }
}
