package com.example.increment.kubernetes;

import static com.example.increment.kubernetes.StrimziMockFixture.CONNECT;
import static com.example.increment.kubernetes.StrimziMockFixture.NS;
import static com.example.increment.kubernetes.StrimziMockFixture.createConnectPod;
import static com.example.increment.kubernetes.StrimziMockFixture.createKafkaConnect;
import static com.example.increment.kubernetes.StrimziMockFixture.describe;
import static com.example.increment.kubernetes.StrimziMockFixture.drainRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.strimzi.api.kafka.Crds;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes driver against the fabric8 mock API server in CRUD mode with the Strimzi model: which resources
 * each operation reads, patches, scales and deletes. The mock plays the operator's part by hand where one is needed
 * (a pod coming back with a new UID, new pods after a scale).
 */
@EnableKubernetesMockClient(crud = true)
class StrimziConnectClusterMockTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private final ScheduledExecutorService operator = Executors.newSingleThreadScheduledExecutor();
    private StrimziConnectCluster cluster;

    @BeforeEach
    void setUp() throws InterruptedException {
        StrimziMockFixture.registerStrimziResources(server);
        createKafkaConnect(client, 2);
        createConnectPod(client, CONNECT + "-connect-1", true);
        createConnectPod(client, CONNECT + "-connect-0", true);
        // what must not be taken for a worker: a Connect build pod and another Connect cluster's pod
        client.pods().inNamespace(NS).resource(StrimziMockFixture.pod(CONNECT + "-connect-build", "b", true, "build",
                Map.of("strimzi.io/cluster", CONNECT, "strimzi.io/kind", "KafkaConnect",
                        "strimzi.io/name", CONNECT + "-connect-build"))).create();
        client.pods().inNamespace(NS).resource(StrimziMockFixture.pod("other-connect-0", "o", true, "other-connect",
                Map.of("strimzi.io/cluster", "other", "strimzi.io/kind", "KafkaConnect",
                        "strimzi.io/name", "other-connect"))).create();
        cluster = StrimziMockFixture.cluster(client);
        drainRequests(server);
    }

    @AfterEach
    void tearDown() {
        operator.shutdownNow();
    }

    @Test
    void workersAreTheConnectPodsByStrimziLabelsInOrdinalOrder() throws InterruptedException {
        assertThat(cluster.workers()).containsExactly("increment-connect-0", "increment-connect-1");

        List<RecordedRequest> requests = drainRequests(server);
        assertThat(requests).as(describe(requests)).singleElement().satisfies(r -> {
            assertThat(r.getMethod()).isEqualTo("GET");
            assertThat(r.getPath()).startsWith("/api/v1/namespaces/" + NS + "/pods?labelSelector=")
                    .contains("strimzi.io%2Fcluster%3Dincrement").contains("strimzi.io%2Fkind%3DKafkaConnect")
                    .contains("strimzi.io%2Fname%3Dincrement-connect");
        });
    }

    @Test
    void killWorkerForceDeletesThatPodWithGracePeriodZero() throws InterruptedException {
        cluster.killWorker("increment-connect-1");

        RecordedRequest delete = onlyDelete(drainRequests(server));
        assertThat(delete.getPath()).isEqualTo("/api/v1/namespaces/" + NS + "/pods/increment-connect-1");
        assertThat(delete.getUtf8Body()).contains("\"gracePeriodSeconds\":0");
        assertThat(client.pods().inNamespace(NS).withName("increment-connect-1").get()).isNull();
        assertThat(client.pods().inNamespace(NS).withName("increment-connect-0").get()).isNotNull();
    }

    @Test
    void stopWorkerDeletesThatPodWithItsOwnGracePeriod() throws InterruptedException {
        cluster.stopWorker("increment-connect-0");

        RecordedRequest delete = onlyDelete(drainRequests(server));
        assertThat(delete.getPath()).isEqualTo("/api/v1/namespaces/" + NS + "/pods/increment-connect-0");
        assertThat(delete.getUtf8Body()).doesNotContain("gracePeriodSeconds");
        assertThat(cluster.workers()).containsExactly("increment-connect-1");
    }

    @Test
    void deletingAWorkerThatDoesNotExistNamesTheWorkersThatDo() {
        assertThatThrownBy(() -> cluster.killWorker("increment-connect-7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("increment-connect-7").hasMessageContaining("increment-connect-0");
    }

    @Test
    void restartWorkerWaitsForTheSamePodNameWithANewUidToBeReady() {
        String oldUid = pod("increment-connect-1").getMetadata().getUid();
        cluster.killWorker("increment-connect-1");
        AtomicLong readyAt = new AtomicLong();
        // the StrimziPodSet recreates the pod (not Ready yet), then the readiness probe passes
        operator.schedule(() -> createConnectPod(client, "increment-connect-1", false), 300, TimeUnit.MILLISECONDS);
        operator.schedule(() -> {
            Pod recreated = pod("increment-connect-1");
            readyAt.set(System.nanoTime());
            client.pods().inNamespace(NS).resource(StrimziMockFixture.connectPod("increment-connect-1",
                    recreated.getMetadata().getUid(), true)).update();
        }, 1500, TimeUnit.MILLISECONDS);

        cluster.restartWorker("increment-connect-1");

        assertThat(readyAt.get()).as("restartWorker returned only after the new pod was Ready").isPositive();
        assertThat(pod("increment-connect-1").getMetadata().getUid()).isNotEqualTo(oldUid);
    }

    @Test
    void restartWorkerIsNotFooledByTheOldPodStillTerminating() {
        Pod old = pod("increment-connect-1");
        // a finalizer keeps the deleted pod around, Terminating with its old UID, as during a graceful shutdown
        client.pods().inNamespace(NS).withName("increment-connect-1")
                .edit(p -> new PodBuilder(p).editMetadata().addToFinalizers("test/hold").endMetadata().build());
        CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> cluster.stopWorker("increment-connect-1"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> pod("increment-connect-1").getMetadata().getDeletionTimestamp() != null);

        CompletableFuture<Void> restart = CompletableFuture.runAsync(
                () -> cluster.restartWorker("increment-connect-1"));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10)).until(() -> !restart.isDone());

        client.pods().inNamespace(NS).withName("increment-connect-1")
                .edit(p -> new PodBuilder(p).editMetadata().withFinalizers(List.of()).endMetadata().build());
        stop.join();
        assertThat(restart).as("no pod yet after the old one is gone").isNotDone();
        Pod recreated = createConnectPod(client, "increment-connect-1", true);
        restart.join();
        assertThat(recreated.getMetadata().getUid()).isNotEqualTo(old.getMetadata().getUid());
    }

    @Test
    void restartWorkerWaitsForReadinessAndSaysWhatItSawWhenItNeverComes() {
        cluster.killWorker("increment-connect-0");
        createConnectPod(client, "increment-connect-0", false);

        assertThatThrownBy(() -> impatient().restartWorker("increment-connect-0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pod increment-connect-0 to come back with a new UID")
                .hasMessageContaining("When last checked: increment-connect-0 uid=")
                .hasMessageContaining("ready=False");
    }

    @Test
    void scaleWorkersScalesTheKafkaConnectThroughItsScaleSubresourceAndWaitsForThePods() throws InterruptedException {
        StrimziMockFixture.expectJoinedLog(server, "increment-connect-2");
        operator.schedule(() -> createConnectPod(client, "increment-connect-2", true), 500, TimeUnit.MILLISECONDS);

        cluster.scaleWorkers(3);

        List<RecordedRequest> requests = drainRequests(server);
        assertThat(requests).as(describe(requests))
                .anySatisfy(r -> assertThat(r.getPath())
                        .isEqualTo("/apis/kafka.strimzi.io/v1/namespaces/" + NS + "/kafkaconnects/increment/scale"))
                .noneSatisfy(r -> assertThat(r.getMethod()).isEqualTo("DELETE"));
        assertThat(Crds.kafkaConnectOperation(client).inNamespace(NS).withName(CONNECT).get().getSpec().getReplicas())
                .isEqualTo(3);
        assertThat(cluster.workers()).containsExactly("increment-connect-0", "increment-connect-1",
                "increment-connect-2");
    }

    @Test
    void scaleWorkersFailsWithWhatItSawWhenThePodsDoNotFollow() {
        assertThatThrownBy(() -> impatient().scaleWorkers(3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 Ready Connect pods")
                .hasMessageContaining("increment-connect-1 uid=");
    }

    @Test
    void putConnectorCreatesAV1KafkaConnectorWithoutTheForbiddenConfigKeys() {
        cluster.putConnector("increment", connectorConfig("2", "1,100"));

        KafkaConnector created = connector("increment");
        assertThat(created.getApiVersion()).isEqualTo("kafka.strimzi.io/v1");
        assertThat(created.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", CONNECT);
        assertThat(created.getSpec().getClassName()).isEqualTo("com.example.IncrementSourceConnector");
        assertThat(created.getSpec().getTasksMax()).isEqualTo(2);
        assertThat(created.getSpec().getConfig())
                .containsExactlyInAnyOrderEntriesOf(Map.of("increments", "1,100", "topic.prefix", "seq_"))
                .doesNotContainKeys("name", "connector.class", "tasks.max");
    }

    @Test
    void putConnectorReplacesAnExistingKafkaConnector() {
        cluster.putConnector("increment", connectorConfig("2", "1,100"));
        Map<String, String> changed = connectorConfig("1", "7");
        changed.remove("topic.prefix");

        cluster.putConnector("increment", changed);

        KafkaConnector replaced = connector("increment");
        assertThat(replaced.getSpec().getTasksMax()).isEqualTo(1);
        assertThat(replaced.getSpec().getConfig()).containsExactlyEntriesOf(Map.of("increments", "7"));
    }

    @Test
    void putConnectorWithoutAClassSaysWhichFieldIsMissing() {
        assertThatThrownBy(() -> cluster.putConnector("increment", Map.of("increments", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connector.class")
                .hasMessageContaining("spec.class");
        assertThatThrownBy(() -> cluster.putConnector("increment", Map.of("connector.class", "C", "tasks.max", "two")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tasks.max")
                .hasMessageContaining("'two'");
    }

    @Test
    void setTasksMaxPatchesOnlySpecTasksMax() throws InterruptedException {
        cluster.putConnector("increment", connectorConfig("1", "1,100"));
        KafkaConnector before = connector("increment");
        drainRequests(server);

        cluster.setTasksMax("increment", 2);

        List<RecordedRequest> requests = drainRequests(server);
        List<RecordedRequest> writes = requests.stream().filter(r -> !r.getMethod().equals("GET")).toList();
        assertThat(writes).as(describe(requests)).singleElement().satisfies(patch -> {
            assertThat(patch.getMethod()).isEqualTo("PATCH");
            assertThat(patch.getPath()).isEqualTo("/apis/kafka.strimzi.io/v1/namespaces/" + NS
                    + "/kafkaconnectors/increment");
            // a JSON patch computed from the edit; the CRUD mock consumes its body, so the state below tells the rest
            assertThat(patch.getHeader("Content-Type")).contains("json-patch");
        });
        KafkaConnector after = connector("increment");
        assertThat(after.getSpec().getTasksMax()).isEqualTo(2);
        assertThat(after.getSpec().getConfig()).isEqualTo(before.getSpec().getConfig());
        assertThat(after.getSpec().getClassName()).isEqualTo(before.getSpec().getClassName());
        assertThat(after.getMetadata().getLabels()).isEqualTo(before.getMetadata().getLabels());
    }

    @Test
    void deleteConnectorDeletesTheKafkaConnectorAndIsANoOpWhenAbsent() throws InterruptedException {
        cluster.putConnector("increment", connectorConfig("1", "1"));
        drainRequests(server);

        cluster.deleteConnector("increment");
        cluster.deleteConnector("increment");

        assertThat(Crds.kafkaConnectorOperation(client).inNamespace(NS).withName("increment").get()).isNull();
        List<RecordedRequest> requests = drainRequests(server);
        assertThat(requests.stream().filter(r -> r.getMethod().equals("DELETE")).map(RecordedRequest::getPath))
                .as(describe(requests))
                .containsOnly("/apis/kafka.strimzi.io/v1/namespaces/" + NS + "/kafkaconnectors/increment");
    }

    @Test
    void resourceStatusParsesStatusConnectorStatusAndNamesWorkersByPod() {
        cluster.putConnector("increment", connectorConfig("2", "1,100"));
        KafkaConnector withStatus = connector("increment");
        withStatus.setStatus(new io.strimzi.api.kafka.model.connector.KafkaConnectorStatusBuilder()
                .withConnectorStatus(Map.of(
                        "name", "increment",
                        "connector", Map.of("state", "RUNNING", "worker_id", workerId(0)),
                        "tasks", List.of(
                                Map.of("id", 1, "state", "RUNNING", "worker_id", workerId(0)),
                                Map.of("id", 0, "state", "FAILED", "worker_id", workerId(1), "trace", "boom")),
                        "type", "source"))
                .build());
        Crds.kafkaConnectorOperation(client).inNamespace(NS).resource(withStatus).updateStatus();

        var status = cluster.resourceStatus("increment");

        assertThat(status.name()).isEqualTo("increment");
        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.workerId()).isEqualTo("increment-connect-0");
        assertThat(status.tasks()).extracting(t -> t.id() + "=" + t.state() + "@" + t.workerId() + ":" + t.trace())
                .containsExactly("0=FAILED@increment-connect-1:boom", "1=RUNNING@increment-connect-0:null");
        assertThat(status.running()).isFalse();
        assertThat(status.tasksByWorker()).containsExactly(Map.entry("increment-connect-0", List.of(1)),
                Map.entry("increment-connect-1", List.of(0)));
    }

    @Test
    void restartFailedTasksAnnotatesEachFailedTaskAndWaitsForTheOperatorToTakeTheAnnotation() throws Exception {
        cluster.putConnector("increment", connectorConfig("2", "1,100"));
        KafkaConnector withStatus = connector("increment");
        withStatus.setStatus(new io.strimzi.api.kafka.model.connector.KafkaConnectorStatusBuilder()
                .withConnectorStatus(Map.of("name", "increment",
                        "connector", Map.of("state", "RUNNING", "worker_id", workerId(0)),
                        "tasks", List.of(Map.of("id", 0, "state", "RUNNING", "worker_id", workerId(0)),
                                Map.of("id", 1, "state", "FAILED", "worker_id", workerId(1), "trace", "fenced")),
                        "type", "source"))
                .build());
        Crds.kafkaConnectorOperation(client).inNamespace(NS).resource(withStatus).updateStatus();
        java.util.concurrent.CompletableFuture<String> restarted = new java.util.concurrent.CompletableFuture<>();
        Thread operator = new Thread(() -> {
            // Plays Strimzi: takes the annotation it acts on off the resource, as the operator does after restarting.
            while (!restarted.isDone()) {
                KafkaConnector kc = connector("increment");
                String task = kc.getMetadata().getAnnotations() == null ? null
                        : kc.getMetadata().getAnnotations().get(StrimziConnectCluster.RESTART_TASK_ANNOTATION);
                if (task != null) {
                    Crds.kafkaConnectorOperation(client).inNamespace(NS).withName("increment").edit(c -> {
                        c.getMetadata().getAnnotations().remove(StrimziConnectCluster.RESTART_TASK_ANNOTATION);
                        return c;
                    });
                    restarted.complete(task);
                }
                Thread.onSpinWait();
            }
        }, "operator");
        operator.setDaemon(true);
        operator.start();

        cluster.restartFailedTasks("increment");

        assertThat(restarted.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("the FAILED task's id").isEqualTo("1");
        assertThat(connector("increment").getMetadata().getAnnotations())
                .doesNotContainKey(StrimziConnectCluster.RESTART_TASK_ANNOTATION);
    }

    @Test
    void resourceStatusBeforeTheOperatorWroteOneSaysSo() {
        cluster.putConnector("increment", connectorConfig("1", "1"));

        assertThatThrownBy(() -> cluster.resourceStatus("increment"))
                .hasMessageContaining("KafkaConnector increment has no status.connectorStatus yet");
        assertThatThrownBy(() -> cluster.resourceStatus("absent"))
                .hasMessageContaining("No KafkaConnector absent in namespace " + NS);
    }

    @Test
    void bootstrapServersWithoutALocalListenerExplainsWhyAndWhatToUseInstead() {
        assertThatThrownBy(cluster::bootstrapServers)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("advertises in-cluster addresses").hasMessageContaining("BrokerTopicReader");
    }

    @Test
    void discoveryFindsTheOneKafkaConnectAndItsKafkaFromTheBootstrapService() {
        StrimziSettings found = StrimziSettings.discover(client, NS);
        assertThat(found.connectName()).isEqualTo(CONNECT);
        assertThat(found.kafkaName()).isEqualTo(StrimziMockFixture.KAFKA);

        assertThatThrownBy(() -> StrimziSettings.discover(client, "elsewhere"))
                .hasMessageContaining("Expected exactly one KafkaConnect in namespace elsewhere, found []");
    }

    @Test
    void localKafkaAccessNeedsBrokerPodsToForwardTo() {
        StrimziConnectCluster withAccess = new StrimziConnectCluster(client, StrimziSettings.of(NS, CONNECT,
                StrimziMockFixture.KAFKA).withLocalKafkaAccess(new LocalKafkaAccess(9095, 39095)));

        assertThatThrownBy(withAccess::bootstrapServers)
                .hasMessageContaining("No broker pods of Kafka increment in namespace " + NS);
        assertThat(LocalKafkaAccess.nodeId(StrimziMockFixture.brokerPod(3))).isEqualTo(3);
    }

    @Test
    void operationsRunConcurrentlyWithTheOperatorsWrites() {
        // a scale while another pod is being recreated: the wait sees both through the same list call
        cluster.killWorker("increment-connect-0");
        CompletableFuture<Void> recreate = CompletableFuture.runAsync(
                () -> createConnectPod(client, "increment-connect-0", true), CompletableFuture.delayedExecutor(
                        300, TimeUnit.MILLISECONDS));
        cluster.restartWorker("increment-connect-0");
        recreate.join();
        assertThat(cluster.workers()).containsExactly("increment-connect-0", "increment-connect-1");
    }

    /** The same driver with short timeouts, for the waits that are meant to time out. */
    private StrimziConnectCluster impatient() {
        return StrimziMockFixture.cluster(client, StrimziMockFixture.FAST_FAIL);
    }

    private static String workerId(int ordinal) {
        return "increment-connect-" + ordinal + ".increment-connect." + NS + ".svc:8083";
    }

    private static Map<String, String> connectorConfig(String tasksMax, String increments) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("name", "increment");
        config.put("connector.class", "com.example.IncrementSourceConnector");
        config.put("tasks.max", tasksMax);
        config.put("increments", increments);
        config.put("topic.prefix", "seq_");
        return config;
    }

    private Pod pod(String name) {
        return client.pods().inNamespace(NS).withName(name).get();
    }

    private KafkaConnector connector(String name) {
        return Crds.kafkaConnectorOperation(client).inNamespace(NS).withName(name).get();
    }

    private static RecordedRequest onlyDelete(List<RecordedRequest> requests) {
        List<RecordedRequest> deletes = requests.stream().filter(r -> r.getMethod().equals("DELETE")).toList();
        assertThat(deletes).as(describe(requests)).hasSize(1);
        return deletes.getFirst();
    }
}
