package com.example.increment.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.Crds;
import io.strimzi.api.kafka.model.connect.KafkaConnect;

/** Where the driver finds its Strimzi resources, and how long it waits for them. */
public record StrimziSettings(String namespace, String connectName, String kafkaName, Timeouts timeouts,
                              int logTailLines, Optional<LocalKafkaAccess> localKafkaAccess) {

    /**
     * Named timeouts, sized for a small K3s node where a Connect pod starts in about a minute. {@code groupJoin}: from
     * a Connect pod's readiness to its {@code got assignment} log line; {@code reconciliation}: until the operator's
     * next reconciliation acts on an annotation (a manual rolling update waits for it).
     */
    public record Timeouts(Duration podGone, Duration gracefulStop, Duration podReady, Duration scale, Duration exec,
                           Duration groupJoin, Duration reconciliation) {
        public static final Timeouts DEFAULT = new Timeouts(
                Duration.ofSeconds(30),   // a force-deleted pod disappears at once
                Duration.ofSeconds(90),   // Strimzi's default terminationGracePeriodSeconds is 30 s
                Duration.ofMinutes(4),    // recreate, pull-free start, JVM start, Connect readiness probe
                Duration.ofMinutes(6),    // the operator's rolling work plus the new pods' start
                Duration.ofSeconds(60),   // a console consumer that reads to the end and idles out
                Duration.ofMinutes(2),    // the REST server answers the probe before the worker has joined
                Duration.ofMinutes(3));   // Strimzi reconciles every 2 min by default, plus its own work
    }

    public StrimziSettings {
        require(namespace, "namespace");
        require(connectName, "connectName");
        require(kafkaName, "kafkaName");
        if (logTailLines < 1) {
            throw new IllegalArgumentException("logTailLines must be 1 or more, got " + logTailLines);
        }
    }

    public static StrimziSettings of(String namespace, String connectName, String kafkaName) {
        return new StrimziSettings(namespace, connectName, kafkaName, Timeouts.DEFAULT, 5000, Optional.empty());
    }

    public StrimziSettings withTimeouts(Timeouts newTimeouts) {
        return new StrimziSettings(namespace, connectName, kafkaName, newTimeouts, logTailLines, localKafkaAccess);
    }

    public StrimziSettings withLocalKafkaAccess(LocalKafkaAccess access) {
        return new StrimziSettings(namespace, connectName, kafkaName, timeouts, logTailLines, Optional.of(access));
    }

    /**
     * Finds the one KafkaConnect in {@code namespace} (as the chart makes it) and its Kafka from
     * {@code spec.bootstrapServers} ({@code <kafka>-kafka-bootstrap:<port>}).
     */
    public static StrimziSettings discover(KubernetesClient client, String namespace) {
        List<KafkaConnect> connects = Crds.kafkaConnectOperation(client).inNamespace(namespace).list().getItems();
        if (connects.size() != 1) {
            throw new IllegalStateException("Expected exactly one KafkaConnect in namespace " + namespace + ", found "
                    + connects.stream().map(c -> c.getMetadata().getName()).toList());
        }
        KafkaConnect connect = connects.getFirst();
        String bootstrap = connect.getSpec().getBootstrapServers();
        String host = bootstrap.split("[,:]", 2)[0];
        if (!host.contains("-kafka-bootstrap")) {
            throw new IllegalStateException("KafkaConnect " + connect.getMetadata().getName()
                    + " spec.bootstrapServers '" + bootstrap + "' is not a Strimzi <kafka>-kafka-bootstrap service");
        }
        return of(namespace, connect.getMetadata().getName(), host.substring(0, host.indexOf("-kafka-bootstrap")));
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be a non-empty Kubernetes name, got '" + value + "'");
        }
    }
}
