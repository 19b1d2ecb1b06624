package com.example.increment.kubernetes;

import static com.example.increment.kubernetes.StrimziMockFixture.CONNECT;
import static com.example.increment.kubernetes.StrimziMockFixture.KAFKA;
import static com.example.increment.kubernetes.StrimziMockFixture.NS;
import static com.example.increment.kubernetes.StrimziMockFixture.ROOMY;
import static com.example.increment.kubernetes.StrimziMockFixture.STARTING_LINE;
import static com.example.increment.kubernetes.StrimziMockFixture.createConnectPod;
import static com.example.increment.kubernetes.StrimziMockFixture.createKafkaConnect;
import static com.example.increment.kubernetes.StrimziMockFixture.describe;
import static com.example.increment.kubernetes.StrimziMockFixture.drainRequests;
import static com.example.increment.kubernetes.StrimziMockFixture.expectConnectLog;
import static com.example.increment.kubernetes.StrimziMockFixture.expectJoinedLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import com.example.increment.connect.ConnectCluster.Restart;
import com.example.increment.connect.ConnectCluster.Shutdown;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.strimzi.api.kafka.Crds;
import io.strimzi.api.kafka.model.podset.StrimziPodSet;
import io.strimzi.api.kafka.model.podset.StrimziPodSetBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Strimzi's pod lifecycle operations of the driver (pod delete, manual rolling update, scale, broker delete) against
 * the fabric8 mock API server in CRUD mode. A test thread plays the StrimziPodSet controller and the operator's
 * roller: it recreates pods under the same name with a new UID, not Ready first, Ready a moment later.
 */
@EnableKubernetesMockClient(crud = true)
class StrimziPodLifecycleMockTest {

    /** How long a simulated pod takes from creation to Ready: the operator's pace, not a hand-off. */
    private static final Duration POD_START = Duration.ofMillis(600);
    /** Long enough for the simulated operator to see the driver's writes on a loaded machine. */
    private static final Duration OPERATOR_SEES = Duration.ofSeconds(15);
    /** Short waits for a rolling update that is meant to time out (its budget adds them up per pod). */
    private static final StrimziSettings.Timeouts ROLL_FAST_FAIL = new StrimziSettings.Timeouts(Duration.ofSeconds(1),
            Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofMillis(500), Duration.ofSeconds(1));
    private static final String PODS = "/api/v1/namespaces/" + NS + "/pods/";

    KubernetesMockServer server;
    KubernetesClient client;

    private final ScheduledExecutorService operator = Executors.newSingleThreadScheduledExecutor();
    private StrimziConnectCluster cluster;

    @BeforeEach
    void setUp() throws InterruptedException {
        StrimziMockFixture.registerStrimziResources(server);
        createKafkaConnect(client, 2);
        StrimziMockFixture.createConnectPodSet(client);
        createConnectPod(client, CONNECT + "-connect-0", true);
        createConnectPod(client, CONNECT + "-connect-1", true);
        cluster = StrimziMockFixture.cluster(client);
        drainRequests(server);
    }

    @AfterEach
    void tearDown() {
        operator.shutdownNow();
    }

    @Test
    void deleteWorkerPodForcedDeletesWithGracePeriodZeroAndReturnsOnceTheNewPodIsReadyAndInTheGroup()
            throws InterruptedException {
        String oldUid = pod("increment-connect-1").getMetadata().getUid();
        expectJoinedLog(server, "increment-connect-1");
        AtomicLong readyAt = new AtomicLong();
        recreateAfterDelete("increment-connect-1", () -> readyAt.set(System.nanoTime()));

        Restart restart = cluster.deleteWorkerPod("increment-connect-1", Shutdown.FORCE);

        assertThat(readyAt.get()).as("returned only after the new pod was Ready").isPositive();
        RecordedRequest delete = onlyDelete(drainRequests(server));
        assertThat(delete.getPath()).isEqualTo(PODS + "increment-connect-1");
        assertThat(delete.getUtf8Body()).contains("\"gracePeriodSeconds\":0");
        assertThat(pod("increment-connect-1").getMetadata().getUid()).isNotEqualTo(oldUid);
        assertThat(restart.target()).isEqualTo("increment-connect-1");
        assertInOrder(restart);
    }

    @Test
    void deleteWorkerPodGracefulLeavesTheGracePeriodToThePod() throws InterruptedException {
        expectJoinedLog(server, "increment-connect-0");
        recreateAfterDelete("increment-connect-0", () -> { });

        Restart restart = cluster.deleteWorkerPod("increment-connect-0", Shutdown.GRACEFUL);

        RecordedRequest delete = onlyDelete(drainRequests(server));
        assertThat(delete.getPath()).isEqualTo(PODS + "increment-connect-0");
        assertThat(delete.getUtf8Body()).doesNotContain("gracePeriodSeconds");
        assertInOrder(restart);
        assertThat(cluster.workers()).containsExactly("increment-connect-0", "increment-connect-1");
    }

    @Test
    void deleteWorkerPodWaitsForTheNewUidAndSaysWhatItSawWhenItIsNeverReady() {
        // the StrimziPodSet recreates the pod, but its readiness probe never passes
        operator.execute(() -> {
            await().atMost(OPERATOR_SEES).until(() -> pod("increment-connect-0") == null);
            createConnectPod(client, "increment-connect-0", false);
        });

        assertThatThrownBy(() -> impatient().deleteWorkerPod("increment-connect-0", Shutdown.FORCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pod increment-connect-0 to come back with a new UID")
                .hasMessageContaining("When last checked: increment-connect-0 uid=")
                .hasMessageContaining("ready=False");
    }

    @Test
    void deleteWorkerPodSaysSoWhenThePodIsNotRecreated() {
        assertThatThrownBy(() -> impatient().deleteWorkerPod("increment-connect-1", Shutdown.FORCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pod increment-connect-1 to come back with a new UID")
                .hasMessageContaining("When last checked: no pod");
    }

    @Test
    void deleteWorkerPodWaitsForTheGroupNotJustReadinessAndSaysWhatTheLogShowed() {
        // Ready (the REST server answers the probe) but the worker never logs a successful join
        expectConnectLog(server, "increment-connect-1", STARTING_LINE
                + "2026-11-25T16:00:31.5Z INFO Joined group at generation 3 with protocol version 2 and got assignment:"
                + " Assignment{error=1, leader='connect-a', leaderUrl='', offset=-1} with rebalance delay: 0\n", 1000);
        recreateAfterDelete("increment-connect-1", () -> { });

        assertThatThrownBy(() -> impatient().deleteWorkerPod("increment-connect-1", Shutdown.FORCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Connect pod increment-connect-1 to join the group")
                .hasMessageContaining("When last checked: increment-connect-1: no 'got assignment' line with error=0"
                        + " in the last 2 log lines");
    }

    @Test
    void deleteWorkerPodRefusesAPodThatIsNotAConnectWorker() throws InterruptedException {
        client.pods().inNamespace(NS).resource(StrimziMockFixture.brokerPod(0)).create();
        drainRequests(server);

        assertThatThrownBy(() -> cluster.deleteWorkerPod("increment-pool-0", Shutdown.FORCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No Connect pod increment-pool-0")
                .hasMessageContaining("[increment-connect-0, increment-connect-1]");
        assertThat(drainRequests(server)).noneSatisfy(r -> assertThat(r.getMethod()).isEqualTo("DELETE"));
    }

    @Test
    void rollingRestartPutsStrimzisAnnotationOnTheConnectStrimziPodSetAndReturnsEveryPodInRollOrder()
            throws InterruptedException {
        Map<String, String> oldUids = uids();
        expectJoinedLog(server, "increment-connect-0");
        expectJoinedLog(server, "increment-connect-1");
        // not in ordinal order: the restarts must come back in the order the pods went
        SimulatedRoll roll = simulateStrimziRoll(List.of("increment-connect-1", "increment-connect-0"));

        List<Restart> restarts = cluster.rollingRestart();

        roll.done().join();
        assertThat(roll.podSetAnnotations()).as("what the operator found on the StrimziPodSet")
                .containsExactlyEntriesOf(Map.of("strimzi.io/manual-rolling-update", "true"));
        assertThat(roll.podAnnotations()).as("pods are not annotated: the StrimziPodSet rolls them all")
                .allSatisfy((pod, annotations) -> assertThat(annotations).doesNotContainKey(
                        "strimzi.io/manual-rolling-update"));
        assertThat(restarts).extracting(Restart::target).containsExactly("increment-connect-1", "increment-connect-0");
        restarts.forEach(this::assertInOrder);
        assertThat(restarts.get(1).gone()).as("one at a time").isAfter(restarts.get(0).gone());
        assertThat(restarts.get(1).requested()).as("the second pod cannot have been asked before the first was back")
                .isAfterOrEqualTo(restarts.get(0).requested());
        uids().forEach((pod, uid) -> assertThat(uid).as(pod).isNotEqualTo(oldUids.get(pod)));
    }

    @Test
    void rollingRestartWritesOnlyTheStrimziPodSetAnnotationAsAMergePatch() throws InterruptedException {
        // no operator: the driver's only write is visible alone, and the wait times out
        assertThatThrownBy(() -> StrimziMockFixture.cluster(client, ROLL_FAST_FAIL).rollingRestart())
                .isInstanceOf(IllegalStateException.class);

        List<RecordedRequest> requests = drainRequests(server);
        List<RecordedRequest> writes = requests.stream().filter(r -> !r.getMethod().equals("GET")).toList();
        assertThat(writes).as(describe(requests)).singleElement().satisfies(patch -> {
            assertThat(patch.getMethod()).isEqualTo("PATCH");
            assertThat(patch.getPath()).isEqualTo("/apis/core.strimzi.io/v1/namespaces/" + NS
                    + "/strimzipodsets/increment-connect");
            assertThat(patch.getHeader("Content-Type")).contains("merge-patch");
        });
        StrimziPodSet podSet = Crds.strimziPodSetOperation(client).inNamespace(NS).withName("increment-connect").get();
        assertThat(podSet.getMetadata().getAnnotations())
                .containsExactlyEntriesOf(Map.of("strimzi.io/manual-rolling-update", "true"));
        assertThat(cluster.workers()).allSatisfy(w -> assertThat(pod(w).getMetadata().getAnnotations())
                .as(w).isNullOrEmpty());
    }

    @Test
    void rollingRestartTimesOutNamingThePodsTheOperatorHasNotRolled() {
        expectJoinedLog(server, "increment-connect-0");
        // the operator rolls the first pod, then stalls (as it would on a pod that never gets Ready)
        operator.execute(() -> {
            awaitRollingUpdateAnnotation();
            replace("increment-connect-0", true);
        });

        assertThatThrownBy(() -> StrimziMockFixture.cluster(client, ROLL_FAST_FAIL).rollingRestart())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rolling update of StrimziPodSet increment-connect")
                .hasMessageContaining("increment-connect-0: back in the group")
                .hasMessageContaining("increment-connect-1: not rolled yet (increment-connect-1 uid=")
                .hasMessageContaining("annotation strimzi.io/manual-rolling-update still present");
    }

    @Test
    void rollingRestartWithoutTheStrimziPodSetSaysWhatIsMissing() {
        Crds.strimziPodSetOperation(client).inNamespace(NS).withName("increment-connect").delete();

        assertThatThrownBy(() -> cluster.rollingRestart())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No StrimziPodSet increment-connect in namespace " + NS)
                .hasMessageContaining("KafkaConnect increment");
    }

    @Test
    void scaleDownWaitsForTheHighestOrdinalsToBeGone() {
        createConnectPod(client, "increment-connect-2", true);
        AtomicLong lastGoneAt = new AtomicLong();
        // the operator removes the highest ordinals, one after the other
        operator.execute(() -> {
            await().atMost(OPERATOR_SEES).until(() -> replicas() == 1);
            client.pods().inNamespace(NS).withName("increment-connect-2").delete();
        });
        operator.schedule(() -> {
            client.pods().inNamespace(NS).withName("increment-connect-1").delete();
            lastGoneAt.set(System.nanoTime());
        }, POD_START.toMillis(), TimeUnit.MILLISECONDS);

        cluster.scaleWorkers(1);

        assertThat(lastGoneAt.get()).as("returned only after increment-connect-1 was gone").isPositive();
        assertThat(cluster.workers()).containsExactly("increment-connect-0");
    }

    @Test
    void scaleDownExpectsTheHighestOrdinalsToGoAndSaysWhatItSawWhenAnotherWent() {
        createConnectPod(client, "increment-connect-2", true);
        operator.execute(() -> {
            await().atMost(OPERATOR_SEES).until(() -> replicas() == 2);
            client.pods().inNamespace(NS).withName("increment-connect-0").delete();
        });

        assertThatThrownBy(() -> impatient().scaleWorkers(2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 Ready Connect pods of increment, exactly [increment-connect-0,"
                        + " increment-connect-1] (removed: [increment-connect-2]")
                .hasMessageContaining("When last checked: [increment-connect-1 uid=");
    }

    @Test
    void scaleUpWaitsForTheNextOrdinalToJoinTheGroup() throws InterruptedException {
        int logsBeforeJoin = 3;
        expectConnectLog(server, "increment-connect-2", STARTING_LINE, logsBeforeJoin);
        expectJoinedLog(server, "increment-connect-2");
        operator.execute(() -> {
            await().atMost(OPERATOR_SEES).until(() -> replicas() == 3);
            createConnectPod(client, "increment-connect-2", true);
        });

        cluster.scaleWorkers(3);

        List<RecordedRequest> requests = drainRequests(server);
        assertThat(requests.stream().filter(r -> r.getPath().startsWith(PODS + "increment-connect-2/log")))
                .as("read the new pod's log until it had joined: " + describe(requests))
                .hasSize(logsBeforeJoin + 1);
        assertThat(requests).noneSatisfy(r -> assertThat(r.getPath()).startsWith(PODS + "increment-connect-0/log"));
        assertThat(cluster.workers()).containsExactly("increment-connect-0", "increment-connect-1",
                "increment-connect-2");
    }

    @Test
    void restartBrokerDeletesTheFirstBrokerPodOfThisKafkaAndWaitsForItsNewUid() throws InterruptedException {
        createPod(StrimziMockFixture.brokerPod(1));
        Pod first = createPod(StrimziMockFixture.brokerPod(0));
        // not brokers of this Kafka: a controller-only pod and another cluster's broker
        createPod(StrimziMockFixture.pod(KAFKA + "-controllers-0", "c", true, "kafka", Map.of("strimzi.io/cluster",
                KAFKA, "strimzi.io/kind", "Kafka", "strimzi.io/broker-role", "false",
                "strimzi.io/controller-role", "true")));
        createPod(StrimziMockFixture.pod("other-pool-0", "o", true, "kafka", Map.of("strimzi.io/cluster", "other",
                "strimzi.io/kind", "Kafka", "strimzi.io/broker-role", "true")));
        drainRequests(server);
        AtomicLong readyAt = new AtomicLong();
        recreateAfterDelete("increment-pool-0", (uid, ready) -> StrimziMockFixture.brokerPod(0, uid, ready),
                () -> readyAt.set(System.nanoTime()));

        Restart restart = cluster.restartBroker(Shutdown.FORCE);

        assertThat(readyAt.get()).as("returned only after the new broker pod was Ready").isPositive();
        RecordedRequest delete = onlyDelete(drainRequests(server));
        assertThat(delete.getPath()).isEqualTo(PODS + "increment-pool-0");
        assertThat(delete.getUtf8Body()).contains("\"gracePeriodSeconds\":0");
        assertThat(restart.target()).isEqualTo("increment-pool-0");
        assertInOrder(restart);
        assertThat(pod("increment-pool-0").getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
        assertThat(pod("increment-pool-1")).isNotNull();
    }

    @Test
    void restartBrokerGracefulLeavesTheGracePeriodToThePodAndSaysWhatItSawWhenTheBrokerDoesNotComeBack()
            throws InterruptedException {
        createPod(StrimziMockFixture.brokerPod(0));
        drainRequests(server);

        assertThatThrownBy(() -> impatient().restartBroker(Shutdown.GRACEFUL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pod increment-pool-0 to come back with a new UID")
                .hasMessageContaining("When last checked: no pod");

        RecordedRequest delete = onlyDelete(drainRequests(server));
        assertThat(delete.getPath()).isEqualTo(PODS + "increment-pool-0");
        assertThat(delete.getUtf8Body()).doesNotContain("gracePeriodSeconds");
    }

    @Test
    void restartBrokerWithoutBrokerPodsNamesTheLabelsItLookedFor() {
        assertThatThrownBy(() -> cluster.restartBroker(Shutdown.FORCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No running broker pod of Kafka increment in namespace " + NS)
                .hasMessageContaining("strimzi.io/broker-role=true");
    }

    @Test
    void expectedPodsAfterAScaleDropTheHighestOrdinalsAndAddTheNextOnes() {
        List<String> two = List.of("c-connect-0", "c-connect-1");
        assertThat(StrimziPodLifecycle.expectedAfterScale(two, 1, "c")).containsExactly("c-connect-0");
        assertThat(StrimziPodLifecycle.expectedAfterScale(two, 0, "c")).isEmpty();
        assertThat(StrimziPodLifecycle.expectedAfterScale(two, 4, "c"))
                .containsExactly("c-connect-0", "c-connect-1", "c-connect-2", "c-connect-3");
        assertThat(StrimziPodLifecycle.expectedAfterScale(List.of(), 2, "c")).containsExactly("c-connect-0",
                "c-connect-1");
    }

    @Test
    void aRollRequestedTimeIsWhenThePodWasSeenTerminatingOrTheEarliestTheOperatorCanHaveAsked() {
        Instant annotated = at("16:00:00");
        StrimziPodLifecycle.PodRoll first = roll("c-connect-1", null, "16:00:10", "16:00:40", "16:00:45");
        StrimziPodLifecycle.PodRoll second = roll("c-connect-2", null, "16:00:50", "16:01:20", "16:01:22");
        StrimziPodLifecycle.PodRoll third = roll("c-connect-0", "16:01:25", "16:01:30", "16:02:00", "16:02:01");

        List<Restart> restarts = StrimziPodLifecycle.restartsInRollOrder(List.of(third, first, second), annotated);

        assertThat(restarts).extracting(Restart::target).containsExactly("c-connect-1", "c-connect-2",
                "c-connect-0");
        assertThat(restarts).extracting(Restart::requested).containsExactly(
                annotated,          // the first to go, never seen terminating
                at("16:00:40"),     // not before the previous pod was Ready: Strimzi waits for that
                at("16:01:25"));    // seen terminating
        // a look that saw the previous pod Ready only after this one had gone: requested is never after gone
        StrimziPodLifecycle.PodRoll late = roll("c-connect-2", null, "16:00:39", "16:01:20", "16:01:22");
        assertThat(StrimziPodLifecycle.restartsInRollOrder(List.of(first, late), annotated).get(1).requested())
                .isEqualTo(at("16:00:39"));
    }

    // ---- the simulated operator ----

    /** What the simulated roller saw when it picked up the annotation, and when it finished. */
    private record SimulatedRoll(Map<String, String> podSetAnnotations, Map<String, Map<String, String>> podAnnotations,
                                 CompletableFuture<Void> done) {
    }

    /**
     * Strimzi's KafkaConnectRoller as the driver relies on it: on the annotated StrimziPodSet, each pod in turn is
     * deleted and recreated (new UID, not Ready), the next only once it is Ready; at the end the annotation goes.
     */
    private SimulatedRoll simulateStrimziRoll(List<String> order) {
        Map<String, String> podSetAnnotations = new ConcurrentHashMap<>();
        Map<String, Map<String, String>> podAnnotations = new ConcurrentHashMap<>();
        CompletableFuture<Void> chain = CompletableFuture.runAsync(() -> {
            awaitRollingUpdateAnnotation();
            podSetAnnotations.putAll(podSet().getMetadata().getAnnotations());
            cluster.workers().forEach(w -> podAnnotations.put(w,
                    Map.copyOf(nullToEmpty(pod(w).getMetadata().getAnnotations()))));
        }, operator);
        for (String pod : order) {
            chain = chain.thenRunAsync(() -> replace(pod, false), operator)
                    .thenRunAsync(() -> markReady(pod), afterPodStart());
        }
        chain = chain.thenRunAsync(() -> Crds.strimziPodSetOperation(client).inNamespace(NS)
                .resource(new StrimziPodSetBuilder(podSet()).editMetadata().withAnnotations(Map.of()).endMetadata()
                        .build()).update(), operator);
        return new SimulatedRoll(podSetAnnotations, podAnnotations, chain);
    }

    /** The StrimziPodSet controller: once the driver has deleted the Connect pod, it is back not Ready, then Ready. */
    private void recreateAfterDelete(String name, Runnable whenReady) {
        recreateAfterDelete(name, (uid, ready) -> StrimziMockFixture.connectPod(name, uid, ready), whenReady);
    }

    /** The same for any pod {@code make(uid, ready)} describes. */
    private void recreateAfterDelete(String name, BiFunction<String, Boolean, Pod> make, Runnable whenReady) {
        CompletableFuture.runAsync(() -> {
            await().atMost(OPERATOR_SEES).until(() -> pod(name) == null);
            createPod(make.apply(UUID.randomUUID().toString(), false));
        }, operator).thenRunAsync(() -> {
            client.pods().inNamespace(NS).resource(make.apply(pod(name).getMetadata().getUid(), true)).update();
            whenReady.run();
        }, afterPodStart());
    }

    private void awaitRollingUpdateAnnotation() {
        await().atMost(OPERATOR_SEES).until(() -> nullToEmpty(podSet().getMetadata().getAnnotations())
                .containsKey("strimzi.io/manual-rolling-update"));
    }

    private void replace(String name, boolean ready) {
        client.pods().inNamespace(NS).withName(name).delete();
        await().atMost(OPERATOR_SEES).until(() -> pod(name) == null);
        createConnectPod(client, name, ready);
    }

    private void markReady(String name) {
        Pod pod = pod(name);
        client.pods().inNamespace(NS).resource(StrimziMockFixture.connectPod(name, pod.getMetadata().getUid(), true))
                .update();
    }

    private Executor afterPodStart() {
        return CompletableFuture.delayedExecutor(POD_START.toMillis(), TimeUnit.MILLISECONDS, operator);
    }

    // ---- helpers ----

    private void assertInOrder(Restart restart) {
        assertThat(restart.requested()).as("requested").isNotNull();
        assertThat(restart.gone()).as("gone").isAfterOrEqualTo(restart.requested());
        assertThat(restart.back()).as("back").isAfter(restart.gone());
    }

    private static StrimziPodLifecycle.PodRoll roll(String name, String told, String gone, String ready, String back) {
        StrimziPodLifecycle.PodRoll roll = new StrimziPodLifecycle.PodRoll(name, UUID.randomUUID().toString());
        roll.told = told == null ? null : at(told);
        roll.gone = at(gone);
        roll.ready = at(ready);
        roll.back = at(back);
        return roll;
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-25T" + time + "Z");
    }

    /** The simulated operator's view: it reads spec.replicas, as Strimzi does after a scale. */
    private int replicas() {
        return Crds.kafkaConnectOperation(client).inNamespace(NS).withName(CONNECT).get().getSpec().getReplicas();
    }

    private Map<String, String> uids() {
        Map<String, String> uids = new HashMap<>();
        cluster.workers().forEach(w -> uids.put(w, pod(w).getMetadata().getUid()));
        return uids;
    }

    private StrimziPodSet podSet() {
        return Crds.strimziPodSetOperation(client).inNamespace(NS).withName("increment-connect").get();
    }

    private Pod createPod(Pod pod) {
        return client.pods().inNamespace(NS).resource(pod).create();
    }

    private Pod pod(String name) {
        return client.pods().inNamespace(NS).withName(name).get();
    }

    private StrimziConnectCluster impatient() {
        return StrimziMockFixture.cluster(client, StrimziMockFixture.FAST_FAIL);
    }

    private static Map<String, String> nullToEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static RecordedRequest onlyDelete(List<RecordedRequest> requests) {
        List<RecordedRequest> deletes = new ArrayList<>(requests.stream()
                .filter(r -> r.getMethod().equals("DELETE")).toList());
        assertThat(deletes).as(describe(requests)).hasSize(1);
        return deletes.getFirst();
    }
}
