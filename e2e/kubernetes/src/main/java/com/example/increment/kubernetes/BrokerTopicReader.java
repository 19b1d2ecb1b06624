package com.example.increment.kubernetes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.example.increment.verify.SequenceRecord;
import com.example.increment.verify.SequenceVerifier;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.ResourceLabels;
import io.strimzi.api.kafka.model.kafka.Kafka;

/**
 * Reads a topic from inside the Kafka cluster: {@code kubectl exec <broker pod> -- bin/kafka-console-consumer.sh},
 * with the timestamp, partition, offset and key printed, parsed back into {@link TopicRecord}s, and for sequence
 * topics into the {@link SequenceRecord}s {@link SequenceVerifier#judge} takes. Unlike a client on this machine, it
 * does not depend on what the listeners advertise.
 */
public final class BrokerTopicReader {

    /** Kafka's console consumer in the Strimzi image. */
    static final String CONSOLE_CONSUMER = "/opt/kafka/bin/kafka-console-consumer.sh";
    /** How long the console consumer waits for one more record before it exits: the end of the topic. */
    static final Duration IDLE_END = Duration.ofSeconds(10);
    static final String KAFKA_TOPICS = "/opt/kafka/bin/kafka-topics.sh";
    static final String BROKER_CONTAINER = "kafka";

    private final KubernetesClient client;
    private final String namespace;
    private final String kafkaName;
    private final Duration execTimeout;
    private final String bootstrap;
    private final Optional<String> commandConfigInPod;

    BrokerTopicReader(KubernetesClient client, String namespace, String kafkaName, Duration execTimeout) {
        this(client, namespace, kafkaName, execTimeout, "localhost:9092", Optional.empty());
    }

    private BrokerTopicReader(KubernetesClient client, String namespace, String kafkaName, Duration execTimeout,
                              String bootstrap, Optional<String> commandConfigInPod) {
        this.client = client;
        this.namespace = namespace;
        this.kafkaName = kafkaName;
        this.execTimeout = execTimeout;
        this.bootstrap = bootstrap;
        this.commandConfigInPod = commandConfigInPod;
    }

    /**
     * The listener the console consumer uses inside the broker pod (default {@code localhost:9092}, a plain listener),
     * and a client properties file already in the pod for a TLS or authenticated listener.
     */
    public BrokerTopicReader using(String bootstrapInPod, Optional<String> clientPropertiesInPod) {
        return new BrokerTopicReader(client, namespace, kafkaName, execTimeout, bootstrapInPod, clientPropertiesInPod);
    }

    /** Every record of {@code topic} from the beginning; {@code readCommitted} for exactly-once checks. */
    public List<TopicRecord> read(String topic, boolean readCommitted) {
        String output = new PodExec(client, namespace).run(brokerPod(), BROKER_CONTAINER, execTimeout,
                command(topic, readCommitted));
        return parse(topic, output);
    }

    /** The topics whose names start with {@code prefix}, from {@code kafka-topics.sh --list} in a broker pod. */
    public List<String> topics(String prefix) {
        List<String> command = new ArrayList<>(List.of(KAFKA_TOPICS, "--bootstrap-server", bootstrap, "--list"));
        commandConfigInPod.ifPresent(path -> command.addAll(List.of("--command-config", path)));
        return new PodExec(client, namespace).run(brokerPod(), BROKER_CONTAINER, execTimeout, command).lines()
                .map(String::strip).filter(t -> t.startsWith(prefix)).sorted().toList();
    }

    /** Every record of every topic starting with {@code prefix}, by topic. */
    public Map<String, List<TopicRecord>> readAll(String prefix, boolean readCommitted) {
        return eachTopic(prefix, topic -> read(topic, readCommitted));
    }

    /**
     * Every record of every sequence topic ({@code prefix}*), parsed as a sequence value, by topic: what
     * {@link SequenceVerifier#judge} judges. One console consumer per topic, in parallel (each idles
     * {@link #IDLE_END} at the end of its topic).
     *
     * @throws IllegalStateException naming the record when a value is not a sequence value
     */
    public Map<String, List<SequenceRecord>> readSequences(String prefix, boolean readCommitted) {
        return eachTopic(prefix, topic -> read(topic, readCommitted).stream().map(TopicRecord::toSequenceRecord)
                .toList());
    }

    private <T> Map<String, List<T>> eachTopic(String prefix, Function<String, List<T>> read) {
        return topics(prefix).parallelStream()
                .collect(Collectors.toMap(topic -> topic, read, (a, b) -> a, TreeMap::new));
    }

    List<String> command(String topic, boolean readCommitted) {
        List<String> command = new ArrayList<>(List.of(CONSOLE_CONSUMER, "--bootstrap-server", bootstrap,
                "--topic", topic, "--from-beginning",
                "--timeout-ms", Long.toString(IDLE_END.toMillis()),
                "--isolation-level", readCommitted ? "read_committed" : "read_uncommitted"));
        for (String property : List.of("print.timestamp", "print.partition", "print.offset", "print.key")) {
            command.addAll(List.of("--formatter-property", property + "=true"));
        }
        commandConfigInPod.ifPresent(path -> command.addAll(List.of("--command-config", path)));
        return command;
    }

    /**
     * Parses lines of {@code CreateTime:<ms>\tPartition:<p>\tOffset:<o>\t<key>\t<value>}; the value is the rest of
     * the line, so a tab inside it survives. Lines in another shape (the console consumer's closing
     * "Processed a total of N messages" goes to stderr, but warnings may not) are skipped.
     */
    static List<TopicRecord> parse(String topic, String output) {
        List<TopicRecord> records = new ArrayList<>();
        for (String line : output.lines().toList()) {
            String[] f = line.split("\t", 5);
            if (f.length < 5 || !f[0].contains(":") || !f[1].startsWith("Partition:") || !f[2].startsWith("Offset:")) {
                continue;
            }
            records.add(new TopicRecord(topic, Integer.parseInt(f[1].substring("Partition:".length())),
                    Long.parseLong(f[2].substring("Offset:".length())),
                    Long.parseLong(f[0].substring(f[0].indexOf(':') + 1)), f[3], f[4]));
        }
        return records;
    }

    private String brokerPod() {
        return client.pods().inNamespace(namespace)
                .withLabels(Map.of(ResourceLabels.STRIMZI_CLUSTER_LABEL, kafkaName,
                        ResourceLabels.STRIMZI_KIND_LABEL, Kafka.RESOURCE_KIND,
                        "strimzi.io/broker-role", "true"))
                .list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(Pod::getMetadata).map(m -> m.getName()).min(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("No broker pod of Kafka " + kafkaName + " in namespace "
                        + namespace + " (labels strimzi.io/cluster=" + kafkaName + ", strimzi.io/broker-role=true)"));
    }
}
