package com.example.increment.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianMinAndMaxOfAnOddAndAnEvenNumberOfRuns() {
        assertThat(Stats.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Stats(2.0, 1.0, 3.0, 3));
        assertThat(Stats.of(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(new Stats(2.5, 1.0, 4.0, 4));
    }

    @Test
    void rendersMedianWithRangeAndASingleRunAlone() {
        assertThat(Stats.of(List.of(10.0, 12.0, 11.0)).render("%.0f")).isEqualTo("11 (10–12)");
        assertThat(Stats.of(List.of(7.25)).render("%.1f")).isEqualTo("7.3");
    }

    @Test
    void needsASample() {
        assertThatThrownBy(() -> Stats.of(List.of())).hasMessageContaining("at least one sample");
    }
}
