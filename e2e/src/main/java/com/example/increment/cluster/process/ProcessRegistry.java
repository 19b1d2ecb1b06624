package com.example.increment.cluster.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every child process still running, and one JVM shutdown hook that stops them, so that none outlives its owner
 * on Ctrl-C, on a normal exit or on a test failure. (A SIGKILLed owner is covered by {@link OwnerWatchdog}.)
 */
public final class ProcessRegistry {

    private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessRegistry::stopAll, "stop-kafka-processes"));
    }

    private ProcessRegistry() {
    }

    static void register(ManagedProcess process) {
        LIVE.add(process);
    }

    static void unregister(ManagedProcess process) {
        LIVE.remove(process);
    }

    /** Processes started by this JVM that have not been stopped yet. */
    public static List<ManagedProcess> live() {
        return List.copyOf(LIVE);
    }

    /** Stops whatever is left: Connect workers first (they commit offsets to the broker), then the rest. */
    public static void stopAll() {
        List<ManagedProcess> workers = new ArrayList<>();
        List<ManagedProcess> others = new ArrayList<>();
        for (ManagedProcess p : LIVE) {
            (p.name().startsWith("broker") ? others : workers).add(p);
        }
        stopTogether(workers);
        stopTogether(others);
    }

    private static void stopTogether(List<ManagedProcess> processes) {
        processes.forEach(ManagedProcess::signalStop);
        processes.forEach(ManagedProcess::awaitEnd);
    }
}
