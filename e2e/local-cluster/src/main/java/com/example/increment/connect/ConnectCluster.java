package com.example.increment.connect;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.increment.verify.SequenceVerifier;
import com.example.increment.verify.VerificationReport;

/**
 * What the scenarios need from a Connect cluster, whatever runs it: local worker processes or
 * Strimzi on Kubernetes. Workers are named by a stable identity that survives a restart
 * (a local worker's host:port, a Strimzi pod name).
 */
public interface ConnectCluster extends AutoCloseable {

    /**
     * How a pod (or local process) is ended: {@code kubectl delete pod} (SIGTERM, grace period) or
     * {@code --grace-period=0 --force} (SIGKILL).
     */
    enum Shutdown { GRACEFUL, FORCE }

    /**
     * One target's restart within an operation: when it was told to go, when it was gone, when it was back (Ready and
     * in the group).
     */
    record Restart(String target, Instant requested, Instant gone, Instant back) { }

    /** Stable names of the workers that should currently exist, in order. */
    List<String> workers();

    /** Stops a worker gracefully (SIGTERM, or a pod delete with its grace period): it commits offsets on the way out. */
    void stopWorker(String worker);

    /** Kills a worker without warning (SIGKILL, or a pod force-delete with grace period 0). */
    void killWorker(String worker);

    /** Brings a stopped or killed worker back under the same identity and waits until it runs again. */
    void restartWorker(String worker);

    /**
     * {@code kubectl scale kafkaconnect --replicas=count}, as Strimzi does it: new workers take the next numbers, a
     * scale-down removes the highest-numbered ones gracefully; waits until they have joined or left.
     */
    void scaleWorkers(int count);

    /**
     * {@code kubectl delete pod <worker>}: the pod goes (gracefully or forced) and comes back under the same name;
     * returns once it is Ready and back in the Connect group.
     */
    Restart deleteWorkerPod(String worker, Shutdown shutdown);

    /**
     * Every Connect pod restarted the way Strimzi rolls them: one at a time, graceful, the next only when the restarted
     * one is Ready and back in the group. Returns one Restart per pod, in order.
     */
    List<Restart> rollingRestart();

    /**
     * A Kafka broker pod deleted (graceful or forced) and back: the connector must continue without a gap. Returns once
     * the broker is Ready again.
     */
    Restart restartBroker(Shutdown shutdown);

    /**
     * The workers whose graceful stop so far (a stop, a scale-down, a pod delete, a roll) did not end within the grace
     * period and was killed, oldest first. Connect 4.3.1 can hang in its own shutdown hook; such a worker commits
     * nothing on the way out, so a reader gets what followed its last offset commit again. A driver that cannot tell
     * (Strimzi: the old pod and its log are gone with it) lists none.
     */
    default List<String> stopsKilledAfterGracePeriod() {
        return List.of();
    }

    /** The worker that currently leads the group, when it can be told. */
    Optional<String> leader();

    /** Creates or replaces a connector's configuration (REST PUT, or the KafkaConnector CR). */
    void putConnector(String name, Map<String, String> config);

    /** Changes only tasks.max of a running connector (REST, or a patch of KafkaConnector spec.tasksMax). */
    void setTasksMax(String name, int tasksMax);

    /**
     * Restarts the connector's FAILED tasks, as Strimzi's {@code autoRestart} does on its next reconciliation (the
     * chart turns it on) or a person with {@code strimzi.io/restart-task}. Connect refuses while it rebalances: the
     * caller retries.
     */
    void restartFailedTasks(String name);

    /** Deletes a connector; no-op when it does not exist. */
    void deleteConnector(String name);

    /** The connector's status as Connect reports it (REST /status, or KafkaConnector status.connectorStatus). */
    ConnectorStatus status(String name);

    /** Bootstrap servers a client on this machine uses to read the sequence topics. */
    String bootstrapServers();

    /**
     * Reads every {@code <topicPrefix>*} topic to its current end and judges the sequences. By default a Kafka client
     * on this machine at {@link #bootstrapServers()}; a driver whose brokers cannot be reached from here reads them
     * its own way (Strimzi: the console consumer inside a broker pod).
     *
     * @param readCommitted read with {@code isolation.level=read_committed}: what an exactly-once reader sees
     */
    default VerificationReport readSequences(String topicPrefix, boolean readCommitted) {
        return new SequenceVerifier(bootstrapServers(), topicPrefix, readCommitted).verify();
    }

    @Override
    void close();
}
