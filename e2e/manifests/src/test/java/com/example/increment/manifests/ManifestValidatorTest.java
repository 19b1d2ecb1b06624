package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The validator has teeth: each mistake a manifest could carry is reported, naming the field. */
class ManifestValidatorTest {

    private static final String CONNECT = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaConnect
            metadata:
              name: c
            spec:
              replicas: 2
              bootstrapServers: k-kafka-bootstrap:9093
              groupId: g
              configStorageTopic: c
              offsetStorageTopic: o
              statusStorageTopic: s
            """;

    private static ManifestValidator validator;

    @BeforeAll
    static void setUp() {
        validator = new ManifestValidator(StrimziCrdSchemas.get(ManifestProject.fromSystemProperties()));
    }

    private static List<String> problems(String yaml) {
        List<ObjectNode> documents = Yaml.documents(yaml);
        assertThat(documents).hasSize(1);
        return validator.problems(documents.get(0));
    }

    @Test
    void aValidKafkaConnectPasses() {
        assertThat(problems(CONNECT)).isEmpty();
    }

    @Test
    void aMisspelledFieldIsReported() {
        assertThat(problems(CONNECT.replace("groupId: g", "groupId: g\n  bootstrapServer: typo")))
                .anySatisfy(p -> assertThat(p).contains("KafkaConnect/c").contains("bootstrapServer"));
    }

    @Test
    void aRequiredFieldMissingIsReported() {
        assertThat(problems(CONNECT.replace("  groupId: g\n", "")))
                .anySatisfy(p -> assertThat(p).contains("groupId"));
    }

    @Test
    void theOldApiVersionIsReported() {
        assertThat(problems(CONNECT.replace("kafka.strimzi.io/v1", "kafka.strimzi.io/v1beta2")))
                .anySatisfy(p -> assertThat(p).contains("v1beta2").contains("not served"));
    }

    @Test
    void aValueOutsideTheSchemaIsReported() {
        String connector = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaConnector
                metadata:
                  name: x
                  labels:
                    strimzi.io/cluster: c
                spec:
                  class: com.example.IncrementSourceConnector
                  tasksMax: 0
                  state: sleeping
                """;
        assertThat(problems(connector))
                .anySatisfy(p -> assertThat(p).contains("tasksMax"))
                .anySatisfy(p -> assertThat(p).contains("state"));
    }

    @Test
    void aWrongTypeIsReported() {
        assertThat(problems(CONNECT.replace("replicas: 2", "replicas: two")))
                .anySatisfy(p -> assertThat(p).contains("replicas"));
    }

    @Test
    void anUnknownFieldInAStandardKindIsReported() {
        String configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: m
                datas:
                  a: b
                """;
        assertThat(problems(configMap)).anySatisfy(p -> assertThat(p).contains("ConfigMap/m").contains("datas"));
    }

    @Test
    void anUnknownFieldDeepInAJobIsReported() {
        String job = """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: j
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: c
                          image: busybox
                          env:
                            - name: A
                              valu: typo
                """;
        assertThat(problems(job)).anySatisfy(p -> assertThat(p).contains("Job/j").contains("valu"));
    }

    @Test
    void anUnknownKindIsReported() {
        assertThat(problems("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n"))
                .anySatisfy(p -> assertThat(p).contains("Widget"));
    }

    @Test
    void aConfigKeyStrimziDropsIsReported() {
        assertThat(problems(CONNECT + "  config:\n    group.id: other\n    ssl.protocol: TLSv1.3\n"))
                .singleElement().satisfies(p -> assertThat(p).contains("'group.id'").contains("silently drops"));
    }

    @Test
    void theOldSingularAclOperationIsReported() {
        String user = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata:
                  name: u
                  labels:
                    strimzi.io/cluster: k
                spec:
                  authentication:
                    type: tls
                  authorization:
                    type: simple
                    acls:
                      - resource:
                          type: topic
                          name: seq_
                          patternType: prefix
                        operation: Read
                """;
        assertThat(problems(user)).anySatisfy(p -> assertThat(p).contains("operation"));
    }

    @Test
    void kafkaReplicasAndStorageOfTheOldApiAreReported() {
        String kafka = """
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata:
                  name: k
                spec:
                  kafka:
                    replicas: 3
                    storage:
                      type: ephemeral
                    listeners:
                      - name: tls
                        port: 9093
                        type: internal
                        tls: true
                """;
        assertThat(problems(kafka))
                .anySatisfy(p -> assertThat(p).contains("replicas"))
                .anySatisfy(p -> assertThat(p).contains("storage"));
    }

    private static final String POD_MONITOR = """
            apiVersion: monitoring.coreos.com/v1
            kind: PodMonitor
            metadata:
              name: pm
            spec:
              selector:
                matchLabels:
                  strimzi.io/kind: KafkaConnect
              podMetricsEndpoints:
                - port: tcp-prometheus
                  interval: 30s
                  relabelings:
                    - targetLabel: job
                      replacement: increment-connect
            """;

    @Test
    void aValidPodMonitorPasses() {
        assertThat(problems(POD_MONITOR)).isEmpty();
    }

    @Test
    void anUnknownFieldInAPodMonitorIsReported() {
        assertThat(problems(POD_MONITOR.replace("      interval: 30s", "      scrapeEvery: 30s")))
                .anySatisfy(p -> assertThat(p).contains("PodMonitor/pm").contains("scrapeEvery"));
        assertThat(problems(POD_MONITOR.replace("targetLabel: job", "target_label: job")))
                .anySatisfy(p -> assertThat(p).contains("target_label"));
    }

    @Test
    void anUnknownFieldInAPrometheusRuleIsReported() {
        String rule = """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata:
                  name: r
                spec:
                  groups:
                    - name: g
                      rules:
                        - alert: A
                          expr: up == 0
                          for: 2m
                          severity: warning
                """;
        assertThat(problems(rule)).anySatisfy(p -> assertThat(p).contains("PrometheusRule/r").contains("severity"));
        assertThat(problems(rule.replace("          severity: warning\n", ""))).isEmpty();
    }

    @Test
    void aMonitoringKindOfAnotherVersionIsReported() {
        assertThat(problems(POD_MONITOR.replace("monitoring.coreos.com/v1", "monitoring.coreos.com/v2")))
                .anySatisfy(p -> assertThat(p).contains("PodMonitor"));
    }
}
