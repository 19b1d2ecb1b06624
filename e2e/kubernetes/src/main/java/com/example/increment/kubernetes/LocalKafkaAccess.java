package com.example.increment.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.strimzi.api.ResourceLabels;
import io.strimzi.api.kafka.model.kafka.Kafka;

/**
 * Kafka reached from this machine through one port-forward per broker pod. A Kafka client follows the addresses
 * the brokers advertise, so this needs a listener on {@code listenerPort} whose broker {@code <id>} advertises
 * {@code 127.0.0.1:<firstLocalPort + id>}, e.g. in the Kafka CR:
 * <pre>
 * - name: local
 *   port: 9095
 *   type: internal
 *   tls: false
 *   configuration:
 *     brokers:
 *       - broker: 0
 *         advertisedHost: 127.0.0.1
 *         advertisedPort: 39095
 * </pre>
 * Without such a listener use {@link BrokerTopicReader}.
 */
public final class LocalKafkaAccess implements AutoCloseable {

    private final int listenerPort;
    private final int firstLocalPort;
    private final List<LocalPortForward> forwards = new ArrayList<>();

    public LocalKafkaAccess(int listenerPort, int firstLocalPort) {
        this.listenerPort = listenerPort;
        this.firstLocalPort = firstLocalPort;
    }

    /** Opens the port-forwards once and returns the bootstrap servers they make. */
    synchronized String open(KubernetesClient client, String namespace, String kafkaName) {
        if (forwards.isEmpty()) {
            List<Pod> brokers = client.pods().inNamespace(namespace)
                    .withLabels(Map.of(ResourceLabels.STRIMZI_CLUSTER_LABEL, kafkaName,
                            ResourceLabels.STRIMZI_KIND_LABEL, Kafka.RESOURCE_KIND, "strimzi.io/broker-role", "true"))
                    .list().getItems();
            if (brokers.isEmpty()) {
                throw new IllegalStateException("No broker pods of Kafka " + kafkaName + " in namespace " + namespace);
            }
            for (Pod broker : brokers) {
                forwards.add(client.pods().inNamespace(namespace).withName(broker.getMetadata().getName())
                        .portForward(listenerPort, InetAddress.getLoopbackAddress(), firstLocalPort + nodeId(broker)));
            }
        }
        return forwards.stream().map(f -> "127.0.0.1:" + f.getLocalPort()).collect(Collectors.joining(","));
    }

    /** Strimzi names broker pods {@code <kafka>-<pool>-<node id>}. */
    static int nodeId(Pod broker) {
        String name = broker.getMetadata().getName();
        return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    }

    @Override
    public synchronized void close() {
        for (LocalPortForward forward : forwards) {
            try {
                forward.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Closing the port-forward on 127.0.0.1:" + forward.getLocalPort(), e);
            }
        }
        forwards.clear();
    }
}
