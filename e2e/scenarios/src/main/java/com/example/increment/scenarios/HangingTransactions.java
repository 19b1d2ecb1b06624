package com.example.increment.scenarios;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.TopicPartition;

/**
 * What an operator does with {@code kafka-transactions.sh find-hanging} and {@code abort}: finds the transactions
 * that stay open in a partition from the same offset on, and aborts them there. A single broker that restarts can
 * complete a transaction it finds prepared before its partitions have leaders again ("Couldn't find leader endpoint
 * for partitions ... can be skipped"): the markers are never written, the transaction stays open, the partitions'
 * last stable offset stands still and no exactly-once task can start.
 */
final class HangingTransactions {

    private HangingTransactions() {
    }

    /** A transaction open in one partition, as the partition's leader describes it. */
    record OpenTransaction(TopicPartition partition, ProducerState producer) {

        /** The same transaction in a later look: same partition and producer, still open from the same offset. */
        boolean sameAs(OpenTransaction other) {
            return partition.equals(other.partition) && producer.producerId() == other.producer.producerId()
                    && producer.currentTransactionStartOffset().equals(other.producer.currentTransactionStartOffset());
        }

        String describe() {
            return String.format(Locale.ROOT, "%s (producer %d, epoch %d, open since offset %d, last write %s)",
                    partition, producer.producerId(), producer.producerEpoch(),
                    producer.currentTransactionStartOffset().getAsLong(),
                    Instant.ofEpochMilli(producer.lastTimestamp()));
        }
    }

    /** Every transaction open in a partition of a topic but Kafka's own. */
    static List<OpenTransaction> open(String bootstrapServers) {
        return withAdmin(bootstrapServers, admin -> {
            List<TopicPartition> partitions = new ArrayList<>();
            var topics = admin.listTopics(new ListTopicsOptions().listInternal(false)).names().get();
            admin.describeTopics(topics).allTopicNames().get().values().forEach(d -> d.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
            List<OpenTransaction> open = new ArrayList<>();
            admin.describeProducers(partitions).all().get().forEach((partition, state) -> state.activeProducers()
                    .stream().filter(p -> p.currentTransactionStartOffset().isPresent())
                    .forEach(p -> open.add(new OpenTransaction(partition, p))));
            return open;
        });
    }

    /**
     * The transactions of {@code now} that {@code earlier} already saw open from the same offset: the producer may
     * have written since, but the partition's last stable offset has stood still all along.
     */
    static List<OpenTransaction> stillOpen(List<OpenTransaction> earlier, List<OpenTransaction> now) {
        return now.stream().filter(t -> earlier.stream().anyMatch(t::sameAs)).toList();
    }

    /** Aborts {@link #stillOpen} transactions; returns one line per transaction aborted. */
    static List<String> abortStillOpen(String bootstrapServers, List<OpenTransaction> earlier,
                                       List<OpenTransaction> now) {
        List<OpenTransaction> hanging = stillOpen(earlier, now);
        return withAdmin(bootstrapServers, admin -> {
            List<String> aborted = new ArrayList<>();
            for (OpenTransaction t : hanging) {
                ProducerState p = t.producer();
                admin.abortTransaction(new AbortTransactionSpec(t.partition(), p.producerId(),
                        (short) p.producerEpoch(), p.coordinatorEpoch().orElse(0))).all().get();
                aborted.add(t.describe());
            }
            return aborted;
        });
    }

    private interface AdminCall<T> {
        T call(Admin admin) throws InterruptedException, ExecutionException;
    }

    private static <T> T withAdmin(String bootstrapServers, AdminCall<T> call) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return call.call(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted looking for hanging transactions", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not look for or abort hanging transactions on " + bootstrapServers,
                    e);
        }
    }
}
