package com.example.increment.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.example.increment.connect.ConnectCluster;
import com.example.increment.connect.ConnectorStatus;
import com.example.increment.connect.ConnectorStatusJson;
import com.example.increment.connect.GroupAssignment;
import com.example.increment.support.Waits;
import com.example.increment.verify.SequenceRecord;
import com.example.increment.verify.SequenceVerifier;
import com.example.increment.verify.VerificationReport;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.strimzi.api.ResourceLabels;
import io.strimzi.api.kafka.Crds;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.connector.KafkaConnectorBuilder;
import io.strimzi.api.kafka.model.connector.KafkaConnectorList;

/**
 * A Strimzi KafkaConnect cluster driven the way a user drives it with kubectl: Connect pods are deleted
 * (gracefully, or with {@code --grace-period=0 --force}) and come back under the same name from their
 * StrimziPodSet, the KafkaConnect is scaled through its scale subresource, and connectors are KafkaConnector
 * resources. Workers are named by their pod names ({@code <connect>-connect-<i>}); task placement in
 * {@link #status} uses the same names.
 */
public final class StrimziConnectCluster implements ConnectCluster {

    /** The Connect REST port inside a pod; Strimzi's NetworkPolicy keeps it closed to the outside. */
    static final int REST_PORT = 8083;

    /** Strimzi's annotation that restarts one task of a KafkaConnector; the operator removes it once done. */
    static final String RESTART_TASK_ANNOTATION = "strimzi.io/restart-task";
    private static final Set<String> FORBIDDEN_CONFIG = Set.of("name", "connector.class", "tasks.max",
            "connector.plugin.version");

    private final KubernetesClient client;
    private final StrimziSettings settings;
    private final PodExec exec;
    private final Map<String, String> uidBeforeStop = new ConcurrentHashMap<>();
    private final StrimziPodLifecycle lifecycle;

    public StrimziConnectCluster(KubernetesClient client, StrimziSettings settings) {
        this.client = client;
        this.settings = settings;
        this.exec = new PodExec(client, settings.namespace());
        this.lifecycle = new StrimziPodLifecycle(client, settings, this::connectPods);
    }

    public StrimziSettings settings() {
        return settings;
    }

    /** Connect pods by Strimzi's labels, in ordinal order; build pods ({@code -connect-build}) are not workers. */
    @Override
    public List<String> workers() {
        return connectPods().stream().map(p -> p.getMetadata().getName()).toList();
    }

    @Override
    public void stopWorker(String worker) {
        deletePod(worker, false);
    }

    @Override
    public void killWorker(String worker) {
        deletePod(worker, true);
    }

    /**
     * Waits for the StrimziPodSet to recreate the pod under the same name with a new UID, and for it to be Ready.
     * Kubernetes brings a deleted Connect pod back by itself, so there is nothing to start here.
     */
    @Override
    public void restartWorker(String worker) {
        String oldUid = uidBeforeStop.remove(worker);
        Waits.waitFor("pod " + worker + " to come back with a new UID (old " + oldUid + ") and be Ready",
                settings.timeouts().podReady(), () -> describe(pods().withName(worker).get()),
                seen -> seen.pod() != null && !seen.pod().getMetadata().getUid().equals(oldUid) && seen.ready()
                        && seen.pod().getMetadata().getDeletionTimestamp() == null);
    }

    /**
     * {@code kubectl scale kafkaconnect <name> --replicas=N}, then waits for exactly the expected pods: the highest
     * ordinals gone on a scale-down, the next ordinals Ready and in the group on a scale-up.
     */
    @Override
    public void scaleWorkers(int count) {
        lifecycle.scale(count);
    }

    @Override
    public Restart deleteWorkerPod(String worker, Shutdown shutdown) {
        return lifecycle.deleteWorkerPod(worker, shutdown);
    }

    /** A manual rolling update: Strimzi's annotation on the StrimziPodSet {@code <connect>-connect}. */
    @Override
    public List<Restart> rollingRestart() {
        return lifecycle.rollingRestart();
    }

    /** The first broker pod (lowest node id) deleted and recreated by its StrimziPodSet. */
    @Override
    public Restart restartBroker(Shutdown shutdown) {
        return lifecycle.restartBroker(shutdown);
    }

    /** The pod named by the newest {@code got assignment ... leaderUrl='...'} line across the Connect pods' logs. */
    @Override
    public Optional<String> leader() {
        Instant newest = Instant.MIN;
        String leaderUrl = "";
        for (String pod : workers()) {
            String log;
            try {
                log = pods().withName(pod).inContainer(connectContainer()).usingTimestamps()
                        .tailingLines(settings.logTailLines()).getLog();
            } catch (RuntimeException e) {
                continue; // a pod that is starting or gone has nothing to say about the current leader
            }
            for (String line : log.lines().toList()) {
                Optional<GroupAssignment> assignment = GroupAssignment.parse(line);
                Optional<Instant> at = kubeletTimestamp(line);
                if (assignment.isPresent() && at.isPresent() && at.get().isAfter(newest)) {
                    newest = at.get();
                    leaderUrl = assignment.get().leaderUrl();
                }
            }
        }
        return leaderUrl.isBlank() ? Optional.empty() : Optional.of(workerName(leaderUrl));
    }

    /** The RFC 3339 time the kubelet puts before each line with {@code timestamps=true}. */
    private static Optional<Instant> kubeletTimestamp(String line) {
        try {
            return Optional.of(Instant.parse(line.substring(0, line.indexOf(' '))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Creates or replaces the KafkaConnector: {@code connector.class} and {@code tasks.max} go to their own fields. */
    @Override
    public void putConnector(String name, Map<String, String> config) {
        connectors().resource(toKafkaConnector(name, config)).createOr(NonDeletingOperation::update);
    }

    /** Builds the v1 KafkaConnector a user would apply for this Connect-style config. */
    public KafkaConnector toKafkaConnector(String name, Map<String, String> config) {
        String className = config.get("connector.class");
        if (className == null || className.isBlank()) {
            throw new IllegalArgumentException("connector.class is required in the config of connector " + name
                    + "; it becomes KafkaConnector spec.class");
        }
        Map<String, Object> rest = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (!FORBIDDEN_CONFIG.contains(k)) {
                rest.put(k, v);
            }
        });
        return new KafkaConnectorBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(settings.namespace())
                    .addToLabels(ResourceLabels.STRIMZI_CLUSTER_LABEL, settings.connectName())
                .endMetadata()
                .withNewSpec()
                    .withClassName(className)
                    .withTasksMax(config.containsKey("tasks.max") ? parseTasksMax(name, config.get("tasks.max")) : null)
                    .withVersion(config.get("connector.plugin.version"))
                    .withConfig(rest)
                .endSpec()
                .build();
    }

    /** What {@code kubectl edit kafkaconnector} does when only tasksMax changes: a patch of that one field. */
    @Override
    public void setTasksMax(String name, int tasksMax) {
        if (tasksMax < 1) {
            throw new IllegalArgumentException("tasks.max must be 1 or more, got " + tasksMax);
        }
        connectors().withName(name).edit(kc -> new KafkaConnectorBuilder(kc)
                .editSpec().withTasksMax(tasksMax).endSpec().build());
    }

    /**
     * Annotates the KafkaConnector with {@code strimzi.io/restart-task=<id>} for each FAILED task, one at a time,
     * waiting for the operator to act on it (it removes the annotation), as a person would without autoRestart.
     */
    @Override
    public void restartFailedTasks(String name) {
        for (ConnectorStatus.TaskStatus task : status(name).tasks()) {
            if ("FAILED".equals(task.state())) {
                connectors().withName(name).edit(kc -> new KafkaConnectorBuilder(kc).editMetadata()
                        .addToAnnotations(RESTART_TASK_ANNOTATION, Integer.toString(task.id())).endMetadata().build());
                Waits.waitFor("the operator to restart task " + task.id() + " of " + name + " (it removes "
                        + RESTART_TASK_ANNOTATION + ")", settings.timeouts().reconciliation(),
                        () -> Optional.ofNullable(connectors().withName(name).get())
                                .map(kc -> kc.getMetadata().getAnnotations()).orElse(Map.of()),
                        annotations -> annotations == null || !annotations.containsKey(RESTART_TASK_ANNOTATION));
            }
        }
    }

    @Override
    public void deleteConnector(String name) {
        connectors().withName(name).delete();
        Waits.waitFor("KafkaConnector " + name + " to be gone", settings.timeouts().podGone(),
                () -> Optional.ofNullable(connectors().withName(name).get()).map(c -> "still there").orElse("gone"),
                "gone"::equals);
    }

    /**
     * The connector's status from Connect itself, read by exec into a Ready Connect pod (fresh, unlike the
     * KafkaConnector status, which lags by up to the operator's reconciliation interval). When no Connect pod
     * answers, falls back to {@link #resourceStatus}.
     */
    @Override
    public ConnectorStatus status(String name) {
        List<String> ready = connectPods().stream().filter(p -> describe(p).ready())
                .map(p -> p.getMetadata().getName()).toList();
        RuntimeException last = null;
        for (String pod : ready) {
            try {
                return restStatus(pod, name);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        try {
            return resourceStatus(name);
        } catch (RuntimeException e) {
            if (last != null) {
                e.addSuppressed(last);
            }
            throw e;
        }
    }

    /** {@code GET /connectors/{name}/status} through {@code curl} inside {@code pod}. */
    public ConnectorStatus restStatus(String pod, String name) {
        String body = exec.run(pod, connectContainer(), settings.timeouts().exec(), List.of("curl", "-s", "-f",
                "http://localhost:" + REST_PORT + "/connectors/" + name + "/status"));
        return ConnectorStatusJson.parse(body, this::workerName);
    }

    /** KafkaConnector {@code status.connectorStatus}: Connect's REST status as the operator last copied it. */
    public ConnectorStatus resourceStatus(String name) {
        KafkaConnector connector = connectors().withName(name).get();
        if (connector == null) {
            throw new IllegalStateException("No KafkaConnector " + name + " in namespace " + settings.namespace());
        }
        if (connector.getStatus() == null || connector.getStatus().getConnectorStatus() == null) {
            throw new IllegalStateException("KafkaConnector " + name + " has no status.connectorStatus yet");
        }
        return ConnectorStatusJson.fromMap(connector.getStatus().getConnectorStatus(), this::workerName);
    }

    /**
     * Bootstrap servers for a client on this machine, through port-forwards to the broker pods. This works only when
     * the Kafka cluster has a listener that advertises {@code 127.0.0.1:<local port>} (see {@link LocalKafkaAccess});
     * otherwise the brokers' advertised in-cluster names cannot be reached from here and this fails with that
     * reason: read the topics with {@link BrokerTopicReader} instead.
     */
    @Override
    public String bootstrapServers() {
        return settings.localKafkaAccess()
                .orElseThrow(() -> new UnsupportedOperationException("Kafka " + settings.kafkaName()
                        + " advertises in-cluster addresses only, which a client on this machine cannot reach through a"
                        + " port-forward. Read topics with BrokerTopicReader (console consumer in a broker pod), or"
                        + " give StrimziSettings a LocalKafkaAccess for a listener that advertises 127.0.0.1."))
                .open(client, settings.namespace(), settings.kafkaName());
    }

    /**
     * The sequences read inside the cluster with {@link #topicReader()} (whatever the listeners advertise), one
     * console consumer per topic in parallel ({@link BrokerTopicReader#readSequences}), judged by the same
     * {@link SequenceVerifier} as a local read.
     */
    @Override
    public VerificationReport readSequences(String topicPrefix, boolean readCommitted) {
        Map<String, List<SequenceRecord>> byTopic = topicReader().readSequences(topicPrefix, readCommitted);
        return SequenceVerifier.judge(topicPrefix, byTopic);
    }

    /** Reads topics by exec'ing Kafka's console consumer in a broker pod: works whatever the listeners advertise. */
    public BrokerTopicReader topicReader() {
        return new BrokerTopicReader(client, settings.namespace(), settings.kafkaName(), settings.timeouts().exec());
    }

    @Override
    public void close() {
        settings.localKafkaAccess().ifPresent(LocalKafkaAccess::close);
    }

    /** Maps Connect's worker id ({@code <pod>.<connect>-connect.<ns>.svc:8083} under Strimzi) to the pod name. */
    String workerName(String workerId) {
        String host = workerId.replaceFirst("^https?://", "");
        String first = host.split("[.:/]", 2)[0];
        return first.startsWith(settings.connectName() + "-connect-") ? first : workerId;
    }

    private void deletePod(String worker, boolean force) {
        Pod pod = pods().withName(worker).get();
        if (pod == null) {
            throw new IllegalArgumentException("No Connect pod " + worker + " in namespace " + settings.namespace()
                    + "; workers are " + workers());
        }
        String uid = pod.getMetadata().getUid();
        uidBeforeStop.put(worker, uid);
        var resource = pods().withName(worker);
        if (force) {
            resource.withGracePeriod(0).delete();
        } else {
            resource.delete();
        }
        Duration timeout = force ? settings.timeouts().podGone() : settings.timeouts().gracefulStop();
        Waits.waitFor("pod " + worker + " (UID " + uid + ") to be gone", timeout,
                () -> Optional.ofNullable(pods().withName(worker).get())
                        .map(p -> p.getMetadata().getUid()).orElse("no pod"),
                seen -> !seen.equals(uid));
    }

    private List<Pod> connectPods() {
        List<Pod> pods = new ArrayList<>(pods().withLabels(connectPodLabels()).list().getItems());
        pods.sort(Comparator.comparingInt(StrimziConnectCluster::ordinal)
                .thenComparing(p -> p.getMetadata().getName()));
        return pods;
    }

    /** The labels Strimzi's KafkaConnect {@code status.labelSelector} names for its Connect pods. */
    Map<String, String> connectPodLabels() {
        Map<String, String> labels = new HashMap<>();
        labels.put(ResourceLabels.STRIMZI_CLUSTER_LABEL, settings.connectName());
        labels.put(ResourceLabels.STRIMZI_KIND_LABEL, KafkaConnect.RESOURCE_KIND);
        labels.put(ResourceLabels.STRIMZI_NAME_LABEL, settings.connectName() + "-connect");
        return labels;
    }

    private static int ordinal(Pod pod) {
        String name = pod.getMetadata().getName();
        try {
            return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private String connectContainer() {
        return settings.connectName() + "-connect";
    }

    private PodSeen describe(Pod pod) {
        return new PodSeen(pod);
    }

    /** What a wait reports about a pod when it times out. */
    record PodSeen(Pod pod) {
        boolean ready() {
            return pod != null && pod.getStatus() != null && pod.getStatus().getConditions() != null
                    && pod.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        }

        @Override
        public String toString() {
            if (pod == null) {
                return "no pod";
            }
            String phase = pod.getStatus() == null ? "?" : pod.getStatus().getPhase();
            String ready = pod.getStatus() == null || pod.getStatus().getConditions() == null ? "?"
                    : pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                    .map(PodCondition::getStatus).findFirst().orElse("?");
            return pod.getMetadata().getName() + " uid=" + pod.getMetadata().getUid() + " phase=" + phase
                    + " ready=" + ready + (pod.getMetadata().getDeletionTimestamp() != null ? " terminating" : "");
        }
    }

    private static int parseTasksMax(String connector, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tasks.max of connector " + connector + " must be a whole number, got '"
                    + value + "'", e);
        }
    }

    private NonNamespaceOperation<Pod, PodList, PodResource> pods() {
        return client.pods().inNamespace(settings.namespace());
    }

    private NonNamespaceOperation<KafkaConnector, KafkaConnectorList, Resource<KafkaConnector>> connectors() {
        return Crds.kafkaConnectorOperation(client).inNamespace(settings.namespace());
    }
}
