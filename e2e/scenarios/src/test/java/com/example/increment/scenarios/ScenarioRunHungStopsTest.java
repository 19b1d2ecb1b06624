package com.example.increment.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.increment.connect.ConnectCluster;

/**
 * A scenario judges only the hung stops of its own run: a graceful stop duplicates nothing unless Connect hung in it
 * and was killed, and then no more than a crash replays.
 */
class ScenarioRunHungStopsTest {

    private static final ClusterTiming TIMING = ClusterTiming.noDelay();

    private final List<String> killed = new ArrayList<>(List.of("127.0.0.1:8083")); // from an earlier scenario
    private final ConnectCluster cluster = clusterReporting(killed);

    @Test
    void noStopHungInThisRunSoNoDuplicateIsAllowed() {
        ScenarioRun run = new ScenarioRun(cluster, TIMING, "t", "a run");

        assertThat(run.stopsKilledAfterGracePeriod()).isEmpty();
        assertThat(run.duplicatesAllowedAfterGracefulStops()).isZero();
    }

    @Test
    void aStopKilledInThisRunAllowsACrashsReplayAndNamesTheWorker() {
        ScenarioRun run = new ScenarioRun(cluster, TIMING, "t", "a run");
        killed.add("127.0.0.1:8084");

        assertThat(run.stopsKilledAfterGracePeriod()).containsExactly("127.0.0.1:8084");
        assertThat(run.duplicatesAllowedAfterGracefulStops()).isEqualTo(run.replayBound())
                .isEqualTo(ScenarioRun.RECORDS_PER_SECOND * TIMING.offsetFlush().plusSeconds(5).toSeconds());
    }

    /** A cluster that only answers stopsKilledAfterGracePeriod: all a run asks of it until a scenario starts. */
    private static ConnectCluster clusterReporting(List<String> killed) {
        return (ConnectCluster) Proxy.newProxyInstance(ConnectCluster.class.getClassLoader(),
                new Class<?>[] {ConnectCluster.class}, (proxy, method, args) -> {
                    if (method.getName().equals("stopsKilledAfterGracePeriod")) {
                        return List.copyOf(killed);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
