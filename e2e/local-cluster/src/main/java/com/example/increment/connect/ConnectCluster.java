package com.example.increment.connect;

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

    /** Stable names of the workers that should currently exist, in order. */
    List<String> workers();

    /** Stops a worker gracefully (SIGTERM, or a pod delete with its grace period): it commits offsets on the way out. */
    void stopWorker(String worker);

    /** Kills a worker without warning (SIGKILL, or a pod force-delete with grace period 0). */
    void killWorker(String worker);

    /** Brings a stopped or killed worker back under the same identity and waits until it runs again. */
    void restartWorker(String worker);

    /** Adds or removes workers until there are {@code count}; waits until they have joined or left. */
    void scaleWorkers(int count);

    /** The worker that currently leads the group, when it can be told. */
    Optional<String> leader();

    /** Creates or replaces a connector's configuration (REST PUT, or the KafkaConnector CR). */
    void putConnector(String name, Map<String, String> config);

    /** Changes only tasks.max of a running connector (REST, or a patch of KafkaConnector spec.tasksMax). */
    void setTasksMax(String name, int tasksMax);

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
