package com.example.increment.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import com.example.increment.scenarios.ClusterTiming;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectBuilder;
import org.junit.jupiter.api.Test;

/** The Kubernetes suite's bounds come from the KafkaConnect's own worker settings, with Connect's defaults. */
class StrimziScenarioTimingTest {

    @Test
    void readsTheChartsWorkerSettingsAndFallsBackToConnectDefaults() {
        ClusterTiming timing = StrimziScenarioTiming.of(connect(Map.of("scheduled.rebalance.max.delay.ms", 60000,
                "offset.flush.interval.ms", "10000", "exactly.once.source.support", "disabled")));

        assertThat(timing.rebalanceDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(timing.offsetFlush()).isEqualTo(Duration.ofSeconds(10));
        assertThat(timing.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(timing.exactlyOnce()).isFalse();
    }

    @Test
    void withoutSpecConfigEverySettingIsConnectsDefault() {
        ClusterTiming timing = StrimziScenarioTiming.of(connect(null));

        assertThat(timing.rebalanceDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(timing.offsetFlush()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aValueThatIsNotMillisecondsNamesTheKey() {
        assertThatThrownBy(() -> StrimziScenarioTiming.of(connect(Map.of("session.timeout.ms", "10s"))))
                .hasMessageContaining("session.timeout.ms").hasMessageContaining("'10s'");
    }

    private static KafkaConnect connect(Map<String, Object> config) {
        return new KafkaConnectBuilder().withNewMetadata().withName("increment").endMetadata()
                .withNewSpec().withReplicas(2).withConfig(config).endSpec().build();
    }
}
