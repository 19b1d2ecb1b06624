package com.example.increment.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

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
        assertThat(o.dwell()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.failoverRuns()).isEqualTo(3);
        assertThat(o.outDir()).isEqualTo(Path.of("target", "bench"));
    }

    @Test
    void optionsAndDurationsAreParsed() {
        BenchOptions o = BenchOptions.parse("--only", "eos, failover", "--jit-warmup", "0", "--runs", "5",
                "--warmup", "500ms", "--window", "2m", "--dwell", "0", "--failover-runs", "2", "--out", "x");

        assertThat(o.sections()).containsExactlyInAnyOrder(Section.EOS, Section.FAILOVER);
        assertThat(o.jitWarmup()).isZero();
        assertThat(o.runs()).isEqualTo(5);
        assertThat(o.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.window()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.dwell()).isZero();
        assertThat(o.failoverRuns()).isEqualTo(2);
        assertThat(o.outDir()).isEqualTo(Path.of("x"));
    }

    @Test
    void usageStatesTheDefaults() {
        BenchOptions o = BenchOptions.parse();

        assertThat(BenchOptions.USAGE).contains("--jit-warmup " + o.jitWarmup().toSeconds() + "s",
                "--runs " + o.runs(), "--warmup " + o.warmup().toSeconds() + "s",
                "--window " + o.window().toSeconds() + "s", "--dwell " + o.dwell().toSeconds() + "s",
                "--failover-runs " + o.failoverRuns());
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
                .hasMessageContaining("5s");
        assertThatThrownBy(() -> BenchOptions.parse("--window", "0s")).hasMessageContaining("longer than zero");
        assertThatThrownBy(() -> BenchOptions.parse("--runs", "0")).hasMessageContaining("1 or more");
        assertThatThrownBy(() -> BenchOptions.parse("--only", "speed")).hasMessageContaining("throughput, eos, failover");
        assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("Unknown option '--fast'");
    }
}
