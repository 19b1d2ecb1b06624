package com.example.increment.scenarios;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.TopicPartition;

/**
 * What an operator does with {@code kafka-transactions.sh find-hanging} and {@code abort}: finds the transactions
 * still open in a partition although their producer last wrote before a moment, and aborts them there. A single
 * broker that restarts can complete a transaction it finds prepared before its partitions have leaders again
 * ("Couldn't find leader endpoint for partitions ... can be skipped"): the markers are never written, the
 * transaction stays open, the partitions' last stable offset stands still and no exactly-once task can start.
 */
final class HangingTransactions {

    private HangingTransactions() {
    }

    /**
     * Aborts, in every partition of every topic but Kafka's own, the transactions whose producer last wrote before
     * {@code before}; returns one line per transaction aborted.
     */
    static List<String> abortOpenedBefore(String bootstrapServers, Instant before) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<TopicPartition> partitions = new ArrayList<>();
            var topics = admin.listTopics(new ListTopicsOptions().listInternal(false)).names().get();
            admin.describeTopics(topics).allTopicNames().get().values().forEach(d -> d.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
            Map<TopicPartition, PartitionProducerState> states = admin.describeProducers(partitions).all().get();
            List<String> aborted = new ArrayList<>();
            for (Map.Entry<TopicPartition, PartitionProducerState> e : states.entrySet()) {
                for (ProducerState p : e.getValue().activeProducers()) {
                    if (p.currentTransactionStartOffset().isPresent() && p.lastTimestamp() < before.toEpochMilli()) {
                        admin.abortTransaction(new AbortTransactionSpec(e.getKey(), p.producerId(),
                                (short) p.producerEpoch(), p.coordinatorEpoch().orElse(0))).all().get();
                        aborted.add(e.getKey() + " (producer " + p.producerId() + ", epoch " + p.producerEpoch()
                                + ", open since offset " + p.currentTransactionStartOffset().getAsLong() + ")");
                    }
                }
            }
            return aborted;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted looking for hanging transactions", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not look for or abort hanging transactions on " + bootstrapServers,
                    e);
        }
    }
}
