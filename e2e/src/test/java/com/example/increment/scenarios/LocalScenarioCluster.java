package com.example.increment.scenarios;

import java.util.ArrayList;
import java.util.List;

import com.example.increment.cluster.LocalClusterSettings;
import com.example.increment.cluster.LocalConnectCluster;
import com.example.increment.cluster.NoProcessLeftBehind;

/** The local driver for the scenario suites: a fresh broker and workers with the scenario timing, cleaned up after. */
final class LocalScenarioCluster implements AutoCloseable {

    private final LocalConnectCluster cluster;
    private final List<Long> pids = new ArrayList<>();

    LocalScenarioCluster(String name, int workers, ClusterTiming timing) {
        cluster = new LocalConnectCluster(LocalClusterSettings.forTest(name, workers)
                .withWorkerOverrides(timing.workerConfig()));
    }

    LocalScenarioCluster start() {
        cluster.start();
        rememberPids();
        System.out.println(cluster.describeProcesses());
        return this;
    }

    LocalConnectCluster cluster() {
        return cluster;
    }

    /** Every process started so far (workers come and go in the scenarios), for the no-leftovers check. */
    void rememberPids() {
        if (cluster.broker().isRunning()) {
            pids.add(cluster.broker().process().pid());
        }
        cluster.runningWorkers().forEach(w -> w.process().ifPresent(p -> pids.add(p.pid())));
    }

    @Override
    public void close() {
        rememberPids();
        cluster.close();
        NoProcessLeftBehind.check(pids);
    }
}
