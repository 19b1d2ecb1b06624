package com.example.increment.bench;

import java.util.Map;

import com.example.increment.local.ConnectWorker;
import com.example.increment.local.LocalClusterSettings;
import com.example.increment.local.LocalConnectCluster;
import com.example.increment.local.WorkerConfigs;

/**
 * One more distributed Connect group on the broker of a cluster that already runs: its own workers, group.id and
 * internal topics, so its rebalances, kills and restarts never touch the other group's. The returned cluster never
 * starts a broker of its own (its broker object stays unstarted); everything else works as on any local cluster.
 */
final class ConnectGroupOnBroker {

    private ConnectGroupOnBroker() {
    }

    /** Defines the group (not started: {@link #startWorkers}); its logs go to a fresh folder of its own. */
    static LocalConnectCluster define(LocalConnectCluster host, String name, int workers,
                                      Map<String, String> workerOverrides) {
        LocalClusterSettings own = LocalClusterSettings.ephemeral("bench-" + name, workers); // its folders, worker ports
        String groupId = "bench-" + name;
        LocalClusterSettings settings = own
                .withPorts(host.settings().brokerPort(), host.settings().controllerPort(), own.workerPorts())
                .withWorkerOverrides(Map.of("group.id", groupId, "config.storage.topic", groupId + "-configs",
                        "offset.storage.topic", groupId + "-offsets", "status.storage.topic", groupId + "-status"))
                .withWorkerOverrides(workerOverrides);
        if (!settings.workerOverrides().containsKey(WorkerConfigs.SCHEDULED_REBALANCE_MAX_DELAY_MS)) {
            throw new IllegalArgumentException("A failover group needs its rebalance delay set: " + workerOverrides);
        }
        return new LocalConnectCluster(settings, host.runtime());
    }

    /** Launches every worker of the group without waiting (JVMs start faster side by side than in turn). */
    static void startWorkers(LocalConnectCluster group) {
        group.workers().forEach(w -> group.worker(w).start(false));
    }

    /** Waits until every worker of the group has joined it and serves REST. */
    static void awaitWorkers(LocalConnectCluster group) {
        group.workers().stream().map(group::worker).forEach(ConnectWorker::awaitReady);
    }
}
