package com.example.increment.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The exactly-once table: each transaction style's rate and what it costs next to at-least-once, per task count. */
class BenchReportTest {

    private static ThroughputResult result(String label, int tasks, boolean exactlyOnce, double recordsPerSecond) {
        Stats rate = Stats.of(List.of(recordsPerSecond));
        return new ThroughputResult(label, tasks, exactlyOnce, 50, rate, Stats.of(List.of(recordsPerSecond * 50 / 1e6)),
                Map.of());
    }

    private static String render(List<ThroughputResult> throughput) {
        return new BenchReport(ZonedDateTime.now(), Duration.ofSeconds(1), Map.of(),
                new MachineDescription(2, 24_000, "25", "Linux", "0.1"), BenchOptions.parse(), List.of(), throughput,
                List.of(), List.of()).render();
    }

    @Test
    void theExactlyOnceTableShowsBothTransactionStylesAndTheirCost() {
        String md = render(List.of(
                result(BenchReport.INCREMENT, 1, false, 800_000),
                result(BenchReport.INCREMENT, 1, true, 500_000),
                result(ConnectorLoad.INCREMENT_INTERVAL_TRANSACTIONS_LABEL, 1, true, 720_000),
                result(BenchReport.INCREMENT, 2, false, 1_000_000),
                result(BenchReport.INCREMENT, 2, true, 450_000)));

        assertThat(md).contains("| exactly-once, a transaction every 1 s records/s |")
                .contains("| 1 | 800000 | 500000 | 38 % | 720000 | 10 % |")
                .contains("| 2 | 1000000 | 450000 | 55 % | — | — |");
    }

    @Test
    void withoutTheThroughputSectionTheCostSaysWhyItIsMissing() {
        String md = render(List.of(result(BenchReport.INCREMENT, 1, true, 500_000)));

        assertThat(md).contains("| 1 | — | 500000 | — (throughput section not run) | — | — |");
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
