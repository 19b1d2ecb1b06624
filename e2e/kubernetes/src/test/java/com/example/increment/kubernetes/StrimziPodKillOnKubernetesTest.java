package com.example.increment.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.increment.connect.ConnectCluster.Restart;
import com.example.increment.connect.ConnectCluster.Shutdown;
import com.example.increment.connect.ConnectorStatus;
import com.example.increment.support.Waits;
import com.example.increment.verify.SequenceRecord;
import com.example.increment.verify.SequenceVerifier;
import com.example.increment.verify.VerificationReport;
import io.strimzi.api.kafka.Crds;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.kafka.JbodStorage;
import io.strimzi.api.kafka.model.kafka.PersistentClaimStorage;
import io.strimzi.api.kafka.model.kafka.Storage;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 1 on a real Kubernetes (K3s in Docker, or KUBECONFIG): force-delete a follower Connect pod while
 * records flow, let the StrimziPodSet bring it back, and judge the sequences from the data. Then Strimzi's pod
 * lifecycle through the driver (pod delete, rolling update, scale-down, broker pod delete), each judged the same
 * way and its cost printed. Tagged {@code k8s}: not in `make test`, run by `make e2e-k8s`, skipped with the reason
 * where no cluster can be had.
 */
@Tag("k8s")
@ExtendWith(KubernetesTargetCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrimziPodKillOnKubernetesTest {

    static final Duration CONNECTOR_RUNNING_TIMEOUT = Duration.ofMinutes(5);
    /** Session timeout + scheduled.rebalance.max.delay.ms (0 in the chart, 10 s in the suite's values, 5 min in Connect) + a restart. */
    static final Duration TASKS_BACK_TIMEOUT = Duration.ofMinutes(8);
    static final Duration RECORDS_GROW_TIMEOUT = Duration.ofMinutes(2);

    private KubernetesEnvironment env;
    private StrimziConnectCluster cluster;
    private String connector;
    private String topicPrefix;

    @BeforeAll
    void startCluster() {
        env = KubernetesTargetCondition.choice().target().orElseThrow().start();
        cluster = env.connectCluster();
        List<KafkaConnector> connectors = Crds.kafkaConnectorOperation(env.client()).inNamespace(env.namespace())
                .list().getItems();
        assertThat(connectors).as("the chart makes one KafkaConnector").hasSize(1);
        connector = connectors.getFirst().getMetadata().getName();
        topicPrefix = String.valueOf(connectors.getFirst().getSpec().getConfig().getOrDefault("topic.prefix", "seq_"));
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (env != null) {
            env.close();
        }
    }

    @Test
    void forceDeletingAFollowerPodLosesNoRecord() {
        ConnectorStatus before = Waits.waitFor("connector " + connector + " RUNNING", CONNECTOR_RUNNING_TIMEOUT,
                () -> cluster.status(connector), ConnectorStatus::running);
        Optional<String> leader = cluster.leader();
        // a follower, preferably one that runs tasks: its tasks wait for the rebalance delay
        String victim = cluster.workers().stream().filter(w -> leader.map(l -> !l.equals(w)).orElse(true))
                .max(Comparator.comparingInt(w -> before.tasksByWorker().getOrDefault(w, List.of()).size()))
                .orElseThrow(() -> new IllegalStateException("No follower among " + cluster.workers()));
        long countBefore = count(read(false));

        cluster.killWorker(victim);
        cluster.restartWorker(victim);
        Waits.waitFor("connector " + connector + " RUNNING again after " + victim + " came back",
                TASKS_BACK_TIMEOUT, () -> cluster.status(connector), ConnectorStatus::running);
        Waits.waitFor("records to keep flowing after the restart", RECORDS_GROW_TIMEOUT,
                () -> count(read(false)), n -> n > countBefore);

        VerificationReport report = SequenceVerifier.judge(topicPrefix, read(false));
        System.out.println("Killed follower " + victim + " (leader " + leader.orElse("unknown") + ")\n"
                + report.render());
        assertThat(report.sequences()).as("sequence topics").isNotEmpty();
        assertThat(report.hasGaps()).as(report.render()).isFalse();
    }

    /**
     * Strimzi's Connect pod lifecycle through the driver, one operation after the other while records flow: a
     * force-deleted pod, a manual rolling update of every pod, a scale-down by one (and back). No record is lost.
     */
    @Test
    void connectPodLifecycleOperationsLoseNoRecord() {
        Waits.waitFor("connector " + connector + " RUNNING", CONNECTOR_RUNNING_TIMEOUT,
                () -> cluster.status(connector), ConnectorStatus::running);
        List<String> workers = cluster.workers();
        long countBefore = count(read(false));
        List<String> costs = new ArrayList<>();

        costs.add(cost("delete pod --force", cluster.deleteWorkerPod(workers.getLast(), Shutdown.FORCE)));
        List<Restart> rolled = cluster.rollingRestart();
        assertThat(rolled).extracting(Restart::target).containsExactlyInAnyOrderElementsOf(workers);
        rolled.forEach(r -> costs.add(cost("rolling update", r)));
        if (workers.size() > 1) {
            cluster.scaleWorkers(workers.size() - 1);
            assertThat(cluster.workers()).as("a scale-down removes the highest ordinal")
                    .containsExactlyElementsOf(workers.subList(0, workers.size() - 1));
            cluster.scaleWorkers(workers.size());
            assertThat(cluster.workers()).containsExactlyElementsOf(workers);
        }
        awaitFlowingAgain(countBefore);

        VerificationReport report = SequenceVerifier.judge(topicPrefix, read(false));
        System.out.println("Connect pod lifecycle on " + workers + "\n" + String.join("\n", costs) + "\n"
                + report.render());
        assertThat(report.sequences()).as("sequence topics").isNotEmpty();
        assertThat(report.hasGaps()).as(report.render()).isFalse();
    }

    /** A broker pod deleted and recreated while records flow: the connector continues without a gap. */
    @Test
    void restartingABrokerPodLosesNoRecord() {
        assumeTrue(brokersKeepTheirData(), "Kafka " + cluster.settings().kafkaName() + " has ephemeral storage: a"
                + " deleted broker pod takes its data with it (use persistent-claim storage, e.g."
                + " helm/examples/prod-values.yaml)");
        Waits.waitFor("connector " + connector + " RUNNING", CONNECTOR_RUNNING_TIMEOUT,
                () -> cluster.status(connector), ConnectorStatus::running);
        long countBefore = count(read(false));

        Restart broker = cluster.restartBroker(Shutdown.GRACEFUL);
        awaitFlowingAgain(countBefore);

        VerificationReport report = SequenceVerifier.judge(topicPrefix, read(false));
        System.out.println(cost("broker delete pod", broker) + "\n" + report.render());
        assertThat(report.sequences()).as("sequence topics").isNotEmpty();
        assertThat(report.hasGaps()).as(report.render()).isFalse();
    }

    private void awaitFlowingAgain(long countBefore) {
        Waits.waitFor("connector " + connector + " RUNNING again", TASKS_BACK_TIMEOUT,
                () -> cluster.status(connector), ConnectorStatus::running);
        Waits.waitFor("records to keep flowing", RECORDS_GROW_TIMEOUT, () -> count(read(false)), n -> n > countBefore);
    }

    /** Every broker node pool of the Kafka keeps its data on persistent volumes across a pod's deletion. */
    private boolean brokersKeepTheirData() {
        List<KafkaNodePool> pools = Crds.kafkaNodePoolOperation(env.client()).inNamespace(env.namespace())
                .withLabel("strimzi.io/cluster", cluster.settings().kafkaName()).list().getItems();
        return !pools.isEmpty() && pools.stream().map(p -> p.getSpec().getStorage())
                .allMatch(StrimziPodKillOnKubernetesTest::persistent);
    }

    private static boolean persistent(Storage storage) {
        return storage instanceof PersistentClaimStorage
                || storage instanceof JbodStorage jbod && jbod.getVolumes().stream()
                        .allMatch(v -> v instanceof PersistentClaimStorage);
    }

    private static String cost(String operation, Restart r) {
        return String.format("%s %s: gone after %.1f s, back after %.1f s", operation, r.target(),
                Duration.between(r.requested(), r.gone()).toMillis() / 1000.0,
                Duration.between(r.requested(), r.back()).toMillis() / 1000.0);
    }

    private Map<String, List<SequenceRecord>> read(boolean readCommitted) {
        return cluster.topicReader().readAll(topicPrefix, readCommitted).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream()
                        .map(r -> SequenceVerifier.parse(r.toConsumerRecord())).toList()));
    }

    private static long count(Map<String, List<SequenceRecord>> byTopic) {
        return byTopic.values().stream().mapToLong(List::size).sum();
    }
}
