package com.example.increment.local.process;

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

    /** Stops whatever is left, phase by phase ({@link JvmSpec.StopPhase}): workers, then the registry, then the broker. */
    public static void stopAll() {
        for (JvmSpec.StopPhase phase : JvmSpec.StopPhase.values()) {
            stopTogether(LIVE.stream().filter(p -> p.stopPhase() == phase).toList());
        }
    }

    private static void stopTogether(List<ManagedProcess> processes) {
        processes.forEach(ManagedProcess::signalStop);
        processes.forEach(ManagedProcess::awaitEnd);
    }
}
