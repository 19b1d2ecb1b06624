package com.example.increment.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.example.increment.bench.BenchOptions.Section;

class BenchOptionsTest {

    @Test
    void defaultsMeasureThroughputExactlyOnceAndFailoverInShortWindows() {
        BenchOptions o = BenchOptions.parse();

        assertThat(o.sections()).containsExactlyInAnyOrder(Section.THROUGHPUT, Section.EOS, Section.FAILOVER);
        assertThat(o.jitWarmup()).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.runs()).isEqualTo(5);
        assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.window()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.rebalanceDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.sessionTimeout()).as("Connect's default").isEqualTo(Duration.ofSeconds(10));
        assertThat(o.failoverRuns()).isEqualTo(3);
        assertThat(o.outDir()).isEqualTo(Path.of("target", "bench"));
    }

    @Test
    void optionsAndDurationsAreParsed() {
        BenchOptions o = BenchOptions.parse("--only", "eos, failover", "--jit-warmup", "0", "--runs", "5",
                "--warmup", "500ms", "--window", "2m", "--rebalance-delay", "0", "--session-timeout", "30s",
                "--failover-runs", "2", "--out", "x");

        assertThat(o.sections()).containsExactlyInAnyOrder(Section.EOS, Section.FAILOVER);
        assertThat(o.jitWarmup()).isZero();
        assertThat(o.runs()).isEqualTo(5);
        assertThat(o.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.window()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.rebalanceDelay()).isZero();
        assertThat(o.sessionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.failoverRuns()).isEqualTo(2);
        assertThat(o.outDir()).isEqualTo(Path.of("x"));
    }

    @Test
    void usageStatesTheDefaults() {
        BenchOptions o = BenchOptions.parse();
        // Every error prints the usage; each option's entry there ends with its default.
        String usage = catchThrowable(() -> BenchOptions.parse("--fast")).getMessage();

        assertThat(entry(usage, "--jit-warmup")).contains("Default: " + o.jitWarmup().toSeconds() + "s");
        assertThat(entry(usage, "--runs")).contains("Default: " + o.runs());
        assertThat(entry(usage, "--warmup")).contains("Default: " + o.warmup().toSeconds() + "s");
        assertThat(entry(usage, "--window")).contains("Default: " + o.window().toSeconds() + "s");
        assertThat(entry(usage, "--rebalance-delay")).contains("Default: " + o.rebalanceDelay().toSeconds() + "s");
        assertThat(entry(usage, "--failover-runs")).contains("Default: " + o.failoverRuns());
    }

    @Test
    void soakRunsOnlyTheSoak() {
        BenchOptions o = BenchOptions.parse("--soak", "1h", "--soak-interval", "10s");

        assertThat(o.sections()).containsExactly(Section.SOAK);
        assertThat(o.soak()).isEqualTo(Duration.ofHours(1));
        assertThat(o.soakInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void errorsNameTheOptionAndWhatIsValid() {
        assertThatThrownBy(() -> BenchOptions.parse("--window", "soon")).hasMessageContaining("--window")
                .hasMessageContaining("'soon' is not a duration such as 500ms, 10s");
        assertThatThrownBy(() -> BenchOptions.parse("--window", "0s")).hasMessageContaining("longer than zero");
        assertThatThrownBy(() -> BenchOptions.parse("--runs", "0")).hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> BenchOptions.parse("--only", "speed")).hasMessageContaining("throughput, eos, failover");
        assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("Unknown option: '--fast'");
    }

    /** The usage's entry of one option: from its name to the next option's. */
    private static String entry(String usage, String option) {
        return Arrays.stream(usage.split("\n(?= {6}--)")).filter(e -> e.strip().startsWith(option + "="))
                .findFirst().orElseThrow(() -> new AssertionError("No " + option + " in the usage:\n" + usage));
    }
}
