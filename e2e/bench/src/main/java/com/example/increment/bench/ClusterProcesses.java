package com.example.increment.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.increment.local.ConnectWorker;
import com.example.increment.local.LocalConnectCluster;

/** The cluster's running processes by name ({@code broker}, {@code worker-1}, ... in the cluster's order). */
public final class ClusterProcesses {

    private ClusterProcesses() {
    }

    /** Process name to PID, broker first. */
    public static Map<String, Long> pids(LocalConnectCluster cluster) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (cluster.broker().isRunning()) {
            pids.put("broker", cluster.broker().process().pid());
        }
        for (int i = 0; i < cluster.workers().size(); i++) {
            ConnectWorker w = cluster.worker(cluster.workers().get(i));
            String name = "worker-" + (i + 1);
            w.process().filter(p -> p.isAlive()).ifPresent(p -> pids.put(name, p.pid()));
        }
        return pids;
    }

    /** CPU time used so far by each process that still runs (user + system), by name. */
    public static Map<String, Duration> cpuTime(Map<String, Long> pids) {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration())
                .ifPresent(d -> cpu.put(name, d)));
        return cpu;
    }

    /** Resident set size in MiB of each running process. */
    public static Map<String, Long> rssMib(LocalConnectCluster cluster) {
        Map<String, Long> rss = new LinkedHashMap<>();
        if (cluster.broker().isRunning()) {
            rss.put("broker", cluster.broker().process().rssKib() / 1024);
        }
        for (int i = 0; i < cluster.workers().size(); i++) {
            ConnectWorker w = cluster.worker(cluster.workers().get(i));
            String name = "worker-" + (i + 1);
            w.process().filter(p -> p.isAlive()).ifPresent(p -> rss.put(name, p.rssKib() / 1024));
        }
        return rss;
    }
}
