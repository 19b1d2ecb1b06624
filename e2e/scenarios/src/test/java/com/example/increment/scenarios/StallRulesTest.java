package com.example.increment.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The live test's rules are the plain file with only the stall alert's threshold and `for` changed, as the chart's. */
class StallRulesTest {

    private final String plain = read();

    private static String read() {
        try {
            return Files.readString(Path.of(System.getProperty("increment.prometheus.rules")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyTheStallThresholdAndForChange() {
        String adapted = StallRules.adapted(plain, Duration.ofSeconds(30), Duration.ofSeconds(2));

        assertThat(adapted).contains("\n          > 30\n        for: 2000ms\n");
        assertThat(adapted.replace("> 30\n        for: 2000ms", "> 80\n        for: 30s")).isEqualTo(plain);
        assertThat(adapted).contains("for: 5m").contains("for: 2m").contains("for: 1m");
    }

    @Test
    void theMeasureIsTheAlertsExpressionWithoutItsThreshold() {
        String measure = StallRules.measure(plain);
        assertThat(measure).startsWith("(").endsWith(")").contains("kafka_connect_plugin_sequence_last_record_timestamp_seconds")
                .doesNotContain("> 80");
    }
}
