package com.example.increment.scenarios;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.example.increment.connect.ConnectCluster;

/**
 * Leaves the shared cluster whole when a scenario ends, passed or failed: restarts the workers it took down and
 * deletes its connector. Used with try-with-resources, so a failed clean-up is added to the scenario's own failure
 * (as suppressed) instead of hiding it, and a scenario that failed half-way does not break the next one.
 */
final class ScenarioCleanup implements AutoCloseable {

    private final ConnectCluster cluster;
    private final String connector;
    private final Set<String> down = new LinkedHashSet<>();

    ScenarioCleanup(ConnectCluster cluster, String connector) {
        this.cluster = cluster;
        this.connector = connector;
    }

    /** The scenario killed or stopped this worker: restart it on exit unless {@link #back} says it is up again. */
    void down(String worker) {
        down.add(worker);
    }

    void back(String worker) {
        down.remove(worker);
    }

    List<String> downWorkers() {
        return List.copyOf(down);
    }

    /** Tries every step even when one fails, then throws the first failure with the others suppressed. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (String worker : List.copyOf(down)) {
            try {
                cluster.restartWorker(worker);
                down.remove(worker);
            } catch (RuntimeException e) {
                failure = addTo(failure, new IllegalStateException("Could not restart worker " + worker
                        + " after the scenario of connector " + connector, e));
            }
        }
        try {
            cluster.deleteConnector(connector);
        } catch (RuntimeException e) {
            failure = addTo(failure, new IllegalStateException("Could not delete connector " + connector, e));
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException addTo(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
