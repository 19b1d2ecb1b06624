package com.example.increment.kubernetes;

import static com.example.increment.kubernetes.StrimziMockFixture.CONNECT;
import static com.example.increment.kubernetes.StrimziMockFixture.NS;
import static com.example.increment.kubernetes.StrimziMockFixture.createConnectPod;
import static com.example.increment.kubernetes.StrimziMockFixture.createKafkaConnect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusMessage;
import io.strimzi.api.kafka.Crds;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.connector.KafkaConnectorStatusBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the driver reads from inside pods, against the mock API server: pod logs (the leader) and exec
 * (Connect's REST API from inside a Connect pod, the console consumer in a broker pod).
 */
@EnableKubernetesMockClient(crud = true)
class StrimziConnectPodMockTest {

    private static final String STATUS_CURL = "http://localhost:8083/connectors/increment/status";

    KubernetesMockServer server;
    KubernetesClient client;
    private StrimziConnectCluster cluster;

    @BeforeEach
    void setUp() {
        StrimziMockFixture.registerStrimziResources(server);
        createKafkaConnect(client, 2);
        createConnectPod(client, CONNECT + "-connect-0", true);
        createConnectPod(client, CONNECT + "-connect-1", true);
        client.pods().inNamespace(NS).resource(StrimziMockFixture.brokerPod(0)).create();
        cluster = StrimziMockFixture.cluster(client);
    }

    @Test
    void theLeaderIsNamedByTheNewestAssignmentLineAcrossThePods() {
        // the kubelet trims trailing zeros of the fraction: times must be compared as times, not as text
        expectLog("increment-connect-0", """
                2026-11-25T16:00:31.5Z [2026-11-25 16:00:31,500] INFO [Worker clientId=connect-1] Joined group at generation 1 with protocol version 2 and got assignment: Assignment{error=0, leader='connect-a', leaderUrl='%s', offset=-1} with rebalance delay: 0
                2026-11-25T16:00:40.000000000Z [2026-11-25 16:00:40,000] INFO a later line without an assignment
                """.formatted(url(0)));
        expectLog("increment-connect-1", """
                2026-11-25T16:00:01.200000000Z [2026-11-25 16:00:01,200] INFO [Worker clientId=connect-1] Joined group at generation 1 with protocol version 2 and got assignment: Assignment{error=0, leader='connect-a', leaderUrl='%s', offset=-1} with rebalance delay: 0
                2026-11-25T16:00:31.55Z [2026-11-25 16:00:31,550] INFO [Worker clientId=connect-1] Joined group at generation 2 with protocol version 2 and got assignment: Assignment{error=0, leader='connect-b', leaderUrl='%s', offset=3} with rebalance delay: 0
                """.formatted(url(0), url(1)));

        assertThat(cluster.leader()).contains("increment-connect-1");
    }

    @Test
    void noAssignmentLoggedYetMeansNoLeaderToName() {
        expectLog("increment-connect-0", "2026-11-25T16:00:01.100000000Z starting\n");
        expectLog("increment-connect-1", "2026-11-25T16:00:01.100000000Z got assignment: leaderUrl=''\n");

        assertThat(cluster.leader()).isEmpty();
    }

    @Test
    void restStatusCurlsConnectFromInsideTheConnectContainer() {
        expectExec("increment-connect-0", "increment-connect", List.of("curl", "-s", "-f", STATUS_CURL),
                restBody("RUNNING", 1), 0, "");

        var status = cluster.restStatus("increment-connect-0", "increment");

        assertThat(status.running()).isTrue();
        assertThat(status.tasksByWorker()).containsExactly(Map.entry("increment-connect-1", List.of(0)));
    }

    @Test
    void statusPrefersConnectsOwnAnswerToTheOperatorsCopy() {
        cluster.putConnector("increment", Map.of("connector.class", "com.example.IncrementSourceConnector",
                "increments", "1"));
        writeResourceStatus("UNASSIGNED", 0);
        expectExec("increment-connect-0", "increment-connect", List.of("curl", "-s", "-f", STATUS_CURL),
                restBody("RUNNING", 1), 0, "");

        assertThat(cluster.status("increment").tasks()).singleElement()
                .satisfies(t -> assertThat(t.state() + "@" + t.workerId()).isEqualTo("RUNNING@increment-connect-1"));
    }

    @Test
    void statusFallsBackToTheKafkaConnectorStatusWhenNoConnectPodAnswers() {
        cluster.putConnector("increment", Map.of("connector.class", "com.example.IncrementSourceConnector",
                "increments", "1"));
        writeResourceStatus("UNASSIGNED", 0);
        // curl -f exits 22 when Connect answers 404 (connector not known yet)
        expectExec("increment-connect-0", "increment-connect", List.of("curl", "-s", "-f", STATUS_CURL), "", 22,
                "curl: (22) The requested URL returned error: 404");
        expectExec("increment-connect-1", "increment-connect", List.of("curl", "-s", "-f", STATUS_CURL), "", 22,
                "curl: (22) The requested URL returned error: 404");

        assertThat(cluster.status("increment").tasks()).singleElement()
                .satisfies(t -> assertThat(t.state() + "@" + t.workerId()).isEqualTo("UNASSIGNED@increment-connect-0"));
    }

    @Test
    void topicReaderRunsTheConsoleConsumerInABrokerPodAndParsesItsOutput() {
        BrokerTopicReader reader = cluster.topicReader();
        expectExec("increment-pool-0", "kafka", reader.command("seq_1", true),
                "CreateTime:1764000000100\tPartition:0\tOffset:0\t1\t{\"value\":1}\n"
                        + "CreateTime:1764000000200\tPartition:0\tOffset:1\t1\t{\"value\":2}\n", 0,
                "Processed a total of 2 messages");

        assertThat(reader.read("seq_1", true)).extracting(TopicRecord::offset, TopicRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, "{\"value\":1}"),
                        org.assertj.core.groups.Tuple.tuple(1L, "{\"value\":2}"));
    }

    @Test
    void readSequencesListsTheTopicsAndJudgesWhatTheConsoleConsumerReadInABrokerPod() {
        BrokerTopicReader reader = cluster.topicReader();
        expectExec("increment-pool-0", "kafka", List.of(BrokerTopicReader.KAFKA_TOPICS, "--bootstrap-server",
                "localhost:9092", "--list"), "__consumer_offsets\ne2e-k1-2\ne2e-k1-1\nseq_1\n", 0, "");
        expectExec("increment-pool-0", "kafka", reader.command("e2e-k1-1", true), records(1, 1, 2, 3), 0, "");
        // sequence 2 lost position 2 (value 4) and replayed position 3 (value 6)
        expectExec("increment-pool-0", "kafka", reader.command("e2e-k1-2", true), records(2, 1, 3, 3), 0, "");

        var report = cluster.readSequences("e2e-k1-", true);

        assertThat(report.sequences()).containsOnlyKeys("e2e-k1-1", "e2e-k1-2");
        assertThat(report.sequence("e2e-k1-1").count()).isEqualTo(3);
        assertThat(report.sequence("e2e-k1-1").missingCount()).isZero();
        assertThat(report.sequence("e2e-k1-2").missingCount()).isEqualTo(1);
        assertThat(report.sequence("e2e-k1-2").duplicateCount()).isEqualTo(1);
        assertThat(report.hasGaps()).isTrue();
    }

    /** Console consumer lines for sequence {@code step}, one per position, 100 ms apart. */
    private static String records(long step, long... positions) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < positions.length; i++) {
            out.append("CreateTime:").append(1764000000000L + 100L * i).append("\tPartition:0\tOffset:").append(i)
                    .append('\t').append(step).append("\t{\"threadId\":1,\"hostname\":\"h\",\"value\":")
                    .append(positions[i] * step).append("}\n");
        }
        return out.toString();
    }

    @Test
    void aFailingCommandReportsItsExitCodeAndStderr() {
        BrokerTopicReader reader = cluster.topicReader();
        expectExec("increment-pool-0", "kafka", reader.command("seq_9", false), "", 1,
                "Error: topic seq_9 does not exist");

        assertThatThrownBy(() -> reader.read("seq_9", false))
                .hasMessageContaining("in pod increment-pool-0 exited 1")
                .hasMessageContaining("Error: topic seq_9 does not exist");
    }

    private void expectLog(String pod, String log) {
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + pod
                        + "/log?pretty=false&container=increment-connect&tailLines=5000&timestamps=true")
                .andReturn(200, log).always();
    }

    private void expectExec(String pod, String container, List<String> command, String stdout, int exit,
                            String stderr) {
        String query = command.stream().map(c -> "command=" + URLEncoder.encode(c, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + pod + "/exec?" + query
                        + "&container=" + container + "&stdout=true&stderr=true")
                .andUpgradeToWebSocket()
                .open()
                .waitFor(20L).andEmit(new OutputStreamMessage(stdout))
                .waitFor(20L).andEmit(new ErrorStreamMessage(stderr))
                .waitFor(40L).andEmit(exit == 0 ? new StatusMessage(0) : new StatusMessage(nonZeroExit(exit)))
                .done().always();
    }

    /** The Status the kubelet sends on the exec error channel when the command exits non-zero. */
    private static Status nonZeroExit(int exit) {
        return new StatusBuilder().withStatus("Failure").withReason("NonZeroExitCode")
                .withMessage("command terminated with non-zero exit code")
                .withNewDetails().addNewCause().withReason("ExitCode").withMessage(Integer.toString(exit)).endCause()
                .endDetails().build();
    }

    private void writeResourceStatus(String taskState, int ordinal) {
        KafkaConnector connector = Crds.kafkaConnectorOperation(client).inNamespace(NS).withName("increment").get();
        connector.setStatus(new KafkaConnectorStatusBuilder().withConnectorStatus(Map.of("name", "increment",
                "connector", Map.of("state", "RUNNING", "worker_id", workerId(ordinal)),
                "tasks", List.of(Map.of("id", 0, "state", taskState, "worker_id", workerId(ordinal))))).build());
        Crds.kafkaConnectorOperation(client).inNamespace(NS).resource(connector).updateStatus();
    }

    private static String restBody(String taskState, int ordinal) {
        return """
                {"name":"increment","connector":{"state":"RUNNING","worker_id":"%s"},
                 "tasks":[{"id":0,"state":"%s","worker_id":"%s"}],"type":"source"}"""
                .formatted(workerId(0), taskState, workerId(ordinal));
    }

    private static String workerId(int ordinal) {
        return "increment-connect-" + ordinal + ".increment-connect." + NS + ".svc:8083";
    }

    private static String url(int ordinal) {
        return "http://" + workerId(ordinal) + "/";
    }
}
