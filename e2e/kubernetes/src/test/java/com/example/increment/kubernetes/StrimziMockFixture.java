package com.example.increment.kubernetes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.strimzi.api.kafka.Crds;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectBuilder;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.podset.StrimziPodSet;
import io.strimzi.api.kafka.model.podset.StrimziPodSetBuilder;

/** What the Strimzi operator would have made, put into the fabric8 mock API server by hand. */
final class StrimziMockFixture {

    static final String NS = "increment-e2e";
    static final String CONNECT = "increment";
    static final String KAFKA = "increment";
    /** Long enough for a loaded 2-core machine: only waits that are meant to succeed use them. */
    static final StrimziSettings.Timeouts ROOMY = new StrimziSettings.Timeouts(Duration.ofSeconds(20),
            Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(20),
            Duration.ofSeconds(20), Duration.ofSeconds(20));
    /** For the waits that are meant to time out. */
    static final StrimziSettings.Timeouts FAST_FAIL = new StrimziSettings.Timeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(2));

    private StrimziMockFixture() {
    }

    static void registerStrimziResources(KubernetesMockServer server) {
        server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(KafkaConnect.class));
        server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(KafkaConnector.class));
        server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(StrimziPodSet.class));
    }

    /** The StrimziPodSet {@code <connect>-connect} the operator makes for the KafkaConnect, without annotations. */
    static StrimziPodSet createConnectPodSet(KubernetesClient client) {
        return Crds.strimziPodSetOperation(client).inNamespace(NS).resource(new StrimziPodSetBuilder()
                .withNewMetadata().withName(CONNECT + "-connect").withNamespace(NS)
                    .withLabels(Map.of("strimzi.io/cluster", CONNECT, "strimzi.io/kind", "KafkaConnect")).endMetadata()
                .withNewSpec().withSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("strimzi.io/cluster",
                        CONNECT, "strimzi.io/name", CONNECT + "-connect")).build()).endSpec()
                .build()).create();
    }

    /** The line Connect's WorkerCoordinator logs when the worker has joined the group. */
    static final String JOINED_LINE = "2026-11-25T16:00:31.5Z [2026-11-25 16:00:31,500] INFO [Worker"
            + " clientId=connect-1, groupId=increment] Joined group at generation 3 with protocol version 2 and got"
            + " assignment:"
            + " Assignment{error=0, leader='connect-a', leaderUrl='http://increment-connect-0.increment-connect." + NS
            + ".svc:8083/', offset=5, connectorIds=[], taskIds=[], revokedConnectorIds=[], revokedTaskIds=[], delay=0}"
            + " with rebalance delay: 0\n";
    /** A Connect pod's log before the worker has joined. */
    static final String STARTING_LINE = "2026-11-25T16:00:21.5Z [2026-11-25 16:00:21,500] INFO REST server listening\n";

    /** The log the driver reads from a Connect pod (tail, with the kubelet's timestamps), {@code times} times. */
    static void expectConnectLog(KubernetesMockServer server, String pod, String log, int times) {
        server.expect().get().withPath(connectLogPath(pod)).andReturn(200, log).times(times);
    }

    /** From now on, the Connect pod's log says it has joined the group. */
    static void expectJoinedLog(KubernetesMockServer server, String pod) {
        server.expect().get().withPath(connectLogPath(pod)).andReturn(200, JOINED_LINE).always();
    }

    static String connectLogPath(String pod) {
        return "/api/v1/namespaces/" + NS + "/pods/" + pod
                + "/log?pretty=false&container=" + CONNECT + "-connect&tailLines=5000&timestamps=true";
    }

    static StrimziConnectCluster cluster(KubernetesClient client) {
        return cluster(client, ROOMY);
    }

    static StrimziConnectCluster cluster(KubernetesClient client, StrimziSettings.Timeouts timeouts) {
        return new StrimziConnectCluster(client, StrimziSettings.of(NS, CONNECT, KAFKA).withTimeouts(timeouts));
    }

    static void createKafkaConnect(KubernetesClient client, int replicas) {
        Crds.kafkaConnectOperation(client).inNamespace(NS).resource(new KafkaConnectBuilder()
                .withNewMetadata().withName(CONNECT).withNamespace(NS)
                    .addToAnnotations("strimzi.io/use-connector-resources", "true").endMetadata()
                .withNewSpec().withReplicas(replicas).withBootstrapServers(KAFKA + "-kafka-bootstrap:9092")
                    .withGroupId("increment").withConfigStorageTopic("c").withOffsetStorageTopic("o")
                    .withStatusStorageTopic("s").endSpec()
                .build()).create();
    }

    /** A Connect pod with Strimzi's labels, as the StrimziPodSet makes it. */
    static Pod connectPod(String name, String uid, boolean ready) {
        return pod(name, uid, ready, CONNECT + "-connect", Map.of("strimzi.io/cluster", CONNECT, "strimzi.io/kind", "KafkaConnect",
                "strimzi.io/name", CONNECT + "-connect", "strimzi.io/component-type", "kafka-connect"));
    }

    /** A broker pod of a KafkaNodePool {@code pool}, node id {@code id}. */
    static Pod brokerPod(int id) {
        return brokerPod(id, UUID.randomUUID().toString(), true);
    }

    static Pod brokerPod(int id, String uid, boolean ready) {
        return pod(KAFKA + "-pool-" + id, uid, ready, "kafka", Map.of("strimzi.io/cluster", KAFKA,
                "strimzi.io/kind", "Kafka", "strimzi.io/broker-role", "true", "strimzi.io/name", KAFKA + "-kafka"));
    }

    static Pod pod(String name, String uid, boolean ready, String container, Map<String, String> labels) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).withUid(uid).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName(container).withImage("increment-connect").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running")
                    .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus()
                .build();
    }

    static Pod createConnectPod(KubernetesClient client, String name, boolean ready) {
        return client.pods().inNamespace(NS).resource(connectPod(name, UUID.randomUUID().toString(), ready)).create();
    }

    /** Every request the mock server has seen since the last call, oldest first. */
    static List<RecordedRequest> drainRequests(KubernetesMockServer server) throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS)) != null; ) {
            requests.add(r);
        }
        return requests;
    }

    static String describe(List<RecordedRequest> requests) {
        return requests.stream().map(r -> r.getMethod() + " " + r.getPath()).toList().toString();
    }
}
