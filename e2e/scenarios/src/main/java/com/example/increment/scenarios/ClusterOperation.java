package com.example.increment.scenarios;

/**
 * What users do to a Connect cluster on Strimzi, as cluster operations: what a {@code kubectl} action or an operator
 * roll does to the workers or the broker. The operations matrix measures each one; the scenarios assert on them.
 */
public enum ClusterOperation {
    POD_DELETE("kubectl delete pod (a follower, graceful)", 2, 2),
    POD_FORCE_DELETE("kubectl delete pod --grace-period=0 --force (a follower)", 2, 2),
    ROLLING_RESTART_2("rolling restart of 2 Connect pods", 2, 2),
    ROLLING_RESTART_3("rolling restart of 3 Connect pods", 3, 3),
    SCALE_UP("kubectl scale kafkaconnect --replicas 2 -> 3", 2, 3),
    SCALE_DOWN("kubectl scale kafkaconnect --replicas 3 -> 2", 3, 2),
    TASKS_MAX_CHANGE("kubectl edit kafkaconnector: tasks.max 4 -> 2", 2, 2),
    BROKER_RESTART("Kafka pod deleted (graceful)", 2, 2),
    BROKER_KILL("Kafka pod force-deleted (SIGKILL)", 2, 2);

    private final String description;
    private final int workersBefore;
    private final int workersAfter;

    ClusterOperation(String description, int workersBefore, int workersAfter) {
        this.description = description;
        this.workersBefore = workersBefore;
        this.workersAfter = workersAfter;
    }

    public String description() {
        return description;
    }

    /** How many workers the cluster has when the operation starts. */
    public int workersBefore() {
        return workersBefore;
    }

    /** How many it has when the operation is over. */
    public int workersAfter() {
        return workersAfter;
    }

    /** A short name for ids and file names, e.g. {@code pod-delete}. */
    public String slug() {
        return name().toLowerCase().replace('_', '-');
    }
}
