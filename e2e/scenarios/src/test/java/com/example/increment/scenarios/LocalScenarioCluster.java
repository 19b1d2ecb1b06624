package com.example.increment.scenarios;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import com.example.increment.local.ClusterLogsOnFailure;
import com.example.increment.local.LocalClusterSettings;
import com.example.increment.local.LocalConnectCluster;
import com.example.increment.local.NoProcessLeftBehind;

/**
 * The local driver for a scenario suite, as one JUnit extension: a fresh broker and workers with the scenario
 * timing before all tests, the logs shown and kept when a test fails, and every process it ever started checked
 * gone after all tests. Register with {@code @RegisterExtension static final LocalScenarioCluster LOCAL = ...}.
 */
final class LocalScenarioCluster implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, TestWatcher {

    private final String name;
    private final int workers;
    private final ClusterTiming timing;
    private final boolean metrics;
    private final List<Long> pids = new ArrayList<>();
    private final ClusterLogsOnFailure logs = new ClusterLogsOnFailure(
            () -> cluster() == null ? List.of() : cluster().logFiles());
    private LocalConnectCluster cluster;

    LocalScenarioCluster(String name, int workers, ClusterTiming timing) {
        this(name, workers, timing, false);
    }

    /** @param metrics each worker runs the JMX exporter (the chart's rules) on a free port, for Prometheus */
    LocalScenarioCluster(String name, int workers, ClusterTiming timing, boolean metrics) {
        this.name = name;
        this.workers = workers;
        this.timing = timing;
        this.metrics = metrics;
    }

    LocalConnectCluster cluster() {
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalClusterSettings settings = LocalClusterSettings.ephemeral(name, workers)
                .withWorkerOverrides(timing.workerConfig());
        cluster = new LocalConnectCluster(metrics ? settings.withMetrics() : settings);
        try {
            cluster.start();
        } finally {
            rememberPids(); // a half-started cluster is stopped and checked in afterAll too
        }
        System.out.println(cluster.describeProcesses());
    }

    /** Workers come and go in the scenarios: note every process, for the no-leftovers check. */
    @Override
    public void afterEach(ExtensionContext context) {
        rememberPids();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        logs.testFailed(context, cause);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster == null) {
            return;
        }
        rememberPids();
        cluster.close();
        NoProcessLeftBehind.check(pids);
    }

    private void rememberPids() {
        if (cluster.broker().isRunning()) {
            pids.add(cluster.broker().process().pid());
        }
        cluster.runningWorkers().forEach(w -> w.process().ifPresent(p -> pids.add(p.pid())));
    }
}
