package com.example.increment.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The tables BENCHMARKS.md quotes: exactly-once's cost, the ceiling, the profile; failover and start-up. */
class BenchReportTest {

    private static ThroughputResult result(String label, int tasks, boolean exactlyOnce, double recordsPerSecond) {
        return result(label, WorkerShape.LOAD_GENERATOR, tasks, exactlyOnce, recordsPerSecond, Optional.empty());
    }

    private static ThroughputResult result(String label, WorkerShape worker, int tasks, boolean exactlyOnce,
                                           double recordsPerSecond, Optional<ProfileSummary> profile) {
        Stats rate = Stats.of(List.of(recordsPerSecond));
        return new ThroughputResult(label, worker, tasks, exactlyOnce, 50, rate,
                Stats.of(List.of(recordsPerSecond * 50 / 1e6)), Map.of(), Map.of("broker", 24.4, "worker-1", 108.0),
                profile);
    }

    private static String render(List<ThroughputResult> throughput) {
        return new BenchReport(ZonedDateTime.now(), Duration.ofSeconds(1), Map.of(),
                new MachineDescription(2, 24_000, "25", "Linux", "0.1"), BenchOptions.parse(), List.of(), throughput,
                List.of(), List.of()).render();
    }

    @Test
    void theExactlyOnceTableComparesEachLoadWithItselfAtLeastOnceOnTheSameWorkers() {
        String md = render(List.of(
                result(BenchReport.INCREMENT, 1, false, 800_000),
                result(ConnectorLoad.LOAD_GENERATOR_LABEL, 4, false, 1_000_000),
                result(BenchReport.INCREMENT, 1, true, 500_000),
                result(ConnectorLoad.INCREMENT_INTERVAL_TRANSACTIONS_LABEL, 1, true, 720_000),
                result(ConnectorLoad.LOAD_GENERATOR_LABEL, 4, true, 850_000)));

        String workers = WorkerShape.LOAD_GENERATOR.label();
        assertThat(md).contains("| IncrementSource | " + workers + " | 1 | 800000 | 500000 | 38 % |",
                "| IncrementSource, a transaction every 1 s | " + workers + " | 1 | 800000 | 720000 | 10 % |",
                "| IncrementSource, load generator | " + workers + " | 4 | 1000000 | 850000 | 15 % |");
    }

    @Test
    void withoutTheThroughputSectionTheCostSaysWhyItIsMissing() {
        String md = render(List.of(result(BenchReport.INCREMENT, 1, true, 500_000)));

        assertThat(md).contains("| 500000 | — (throughput section not run) |");
    }

    @Test
    void theCeilingTableDividesEachOneTaskLoadByTheTunedProducer() {
        String md = render(List.of(
                result(BenchReport.INCREMENT, WorkerShape.CHART, 1, false, 600_000, Optional.empty()),
                result(ConnectorLoad.LOAD_GENERATOR_LABEL, 1, false, 900_000),
                result(ConnectorLoad.LOAD_GENERATOR_LABEL, 2, false, 1_100_000),
                result(BenchReport.TUNED_PRODUCER, 1, false, 1_200_000)));

        assertThat(md).contains("| IncrementSource | " + WorkerShape.CHART.label() + " | 600000 | 0.50 |",
                "| IncrementSource, load generator | " + WorkerShape.LOAD_GENERATOR.label() + " | 900000 | 0.75 |",
                "| " + BenchReport.TUNED_PRODUCER + " | " + WorkerShape.LOAD_GENERATOR.label() + " | 1200000 | 1.00 |")
                .contains("broker 24", "worker-1 108");
    }

    @Test
    void theProfileTableShowsGcTheStagesAndTheHottestMethods() {
        Map<String, Double> stages = new LinkedHashMap<>();
        ProfileSummary.STAGES.forEach(s -> stages.put(s.name(), 10.0));
        ProfileSummary profile = new ProfileSummary(Map.of("worker-1", 8.25), 700, stages,
                Map.of("com.fasterxml.jackson.databind.ObjectMapper.writeValueAsBytes", 9.0), Map.of("task", 700L));
        String md = render(List.of(result(ConnectorLoad.LOAD_GENERATOR_LABEL, WorkerShape.LOAD_GENERATOR, 1, false,
                900_000, Optional.of(profile))));

        assertThat(md).contains("| worker-1 8.3 | 10 | 10 | 10 | 10 | 10 | ObjectMapper.writeValueAsBytes 9 % |");
    }

    @Test
    void theFailoverAndStartUpTablesSayWhatBenchmarksMdSays() {
        String md = new BenchReport(ZonedDateTime.now(), Duration.ofSeconds(1), Map.of(),
                new MachineDescription(2, 24_000, "25", "Linux", "0.1"), BenchOptions.parse(),
                List.of(new ColdStart(null, "failover-delay10s", Duration.ofMillis(9300), Map.of("broker", 321L))),
                List.of(), List.of(new FailoverResult(FailoverBench.Case.FOLLOWER_KILL, Duration.ofSeconds(10),
                        Stats.of(List.of(19.7)), Stats.of(List.of(0.0)))), List.of()).render();

        assertThat(md).contains("session timeout 10 s (default); the rebalance delay "
                        + "(`scheduled.rebalance.max.delay.ms`): 10 s. ",
                "| case | rebalance delay (s) | sequence on the killed worker (s) | sequence on the other worker (s) |",
                "| follower killed (SIGKILL) | 10 | 19.7 | 0.0 |",
                "| cold start (fresh data, broker + workers + the default connector) | to first record (s) "
                        + "| RSS at rest (MiB) |")
                .doesNotContain("D (s)", "D =", "lab");
    }
}
