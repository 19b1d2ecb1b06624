package com.example.increment.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import com.example.increment.connect.ConnectCluster.Restart;
import com.example.increment.connect.ConnectCluster.Shutdown;
import com.example.increment.kubernetes.StrimziConnectCluster.PodSeen;
import com.example.increment.support.Waits;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.strimzi.api.ResourceAnnotations;
import io.strimzi.api.ResourceLabels;
import io.strimzi.api.kafka.Crds;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.podset.StrimziPodSet;
import io.strimzi.api.kafka.model.podset.StrimziPodSetList;

/**
 * Strimzi's pod lifecycle as timed cluster operations: a Connect pod deleted and recreated by its StrimziPodSet, a
 * manual rolling update of every Connect pod, a scale of the KafkaConnect, a broker pod deleted and recreated. Each
 * waits through {@link Waits} for what a user would check with {@code kubectl get pods -w} and the worker's log, and
 * records when the driver saw each step (this machine's clock, to the {@link Waits} poll interval).
 *
 * <p>What the recorded times mean: <em>gone</em> is the first look at which the old pod (by UID) no longer serves:
 * absent, replaced by a pod with a new UID, or terminating and no longer Ready. <em>Back</em> is, for a Connect pod,
 * the first look at which a pod with a new UID is Ready and its log has a {@code got assignment} line with
 * {@code error=0} (the worker has joined the group); for a broker, the first look at which it is Ready (Strimzi's
 * Kafka readiness probe reports the broker running).
 */
final class StrimziPodLifecycle {

    /** Strimzi's manual rolling update annotation; its value must be {@code "true"}. */
    static final String MANUAL_ROLLING_UPDATE = ResourceAnnotations.ANNO_STRIMZI_IO_MANUAL_ROLLING_UPDATE;
    /** Label Strimzi puts on the pods of node pools with the broker role. */
    static final String BROKER_ROLE_LABEL = "strimzi.io/broker-role";

    /** Connect's WorkerCoordinator logs {@code Joined group ... got assignment: Assignment{error=0, ...}}. */
    private static final String ASSIGNMENT = "got assignment";
    private static final String NO_ERROR = "error=0";

    private final KubernetesClient client;
    private final StrimziSettings settings;
    private final Supplier<List<Pod>> connectPods;

    /** @param connectPods the KafkaConnect's pods by Strimzi's labels, in ordinal order */
    StrimziPodLifecycle(KubernetesClient client, StrimziSettings settings, Supplier<List<Pod>> connectPods) {
        this.client = client;
        this.settings = settings;
        this.connectPods = connectPods;
    }

    /**
     * {@code kubectl delete pod <worker>} (GRACEFUL: the pod's own grace period; FORCE: grace period 0), then waits
     * for the old pod to be gone, for the StrimziPodSet's replacement (same name, new UID) to be Ready, and for the
     * worker to be back in the group.
     */
    Restart deleteWorkerPod(String worker, Shutdown shutdown) {
        Pod pod = connectPods.get().stream().filter(p -> p.getMetadata().getName().equals(worker)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No Connect pod " + worker + " in namespace "
                        + settings.namespace() + "; workers are " + names(connectPods.get())));
        String oldUid = pod.getMetadata().getUid();
        Instant requested = Instant.now();
        delete(worker, shutdown);
        Instant gone = awaitGone(worker, oldUid, goneTimeout(shutdown));
        awaitReplacedAndReady(worker, oldUid, settings.timeouts().podReady());
        Instant back = awaitInGroup(worker, settings.timeouts().groupJoin());
        return new Restart(worker, requested, gone, back);
    }

    /**
     * Annotates the KafkaConnect's StrimziPodSet {@code <connect>-connect} with
     * {@code strimzi.io/manual-rolling-update="true"} and waits until every Connect pod that existed before has been
     * replaced (new UID), is Ready and back in the group, and the operator has removed the annotation (its sign that
     * the roll is complete, so that a next call is not swallowed by the end of this one).
     *
     * <p>The restarts come in the order the pods went. {@link Restart#requested()} is when the driver first saw the
     * old pod terminating; when a look missed that, the earliest the operator can have asked: the annotation time for
     * the first pod, the previous pod's readiness for the next (Strimzi rolls the next pod only then).
     */
    List<Restart> rollingRestart() {
        String podSetName = connectComponent();
        Resource<StrimziPodSet> podSet = podSets().withName(podSetName);
        if (podSet.get() == null) {
            throw new IllegalStateException("No StrimziPodSet " + podSetName + " in namespace " + settings.namespace()
                    + ": Strimzi manages the pods of KafkaConnect " + settings.connectName() + " with it, so a manual"
                    + " rolling update annotates it. Is the Strimzi operator running there?");
        }
        Map<String, PodRoll> rolls = new LinkedHashMap<>();
        connectPods.get().forEach(p -> rolls.put(p.getMetadata().getName(),
                new PodRoll(p.getMetadata().getName(), p.getMetadata().getUid())));
        if (rolls.isEmpty()) {
            return List.of();
        }
        Instant annotated = Instant.now();
        // Strimzi 1.2 docs, "Performing a rolling update using a pod management annotation": kubectl annotate
        // strimzipodset <cluster_name>-connect strimzi.io/manual-rolling-update="true"
        podSet.patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"" + MANUAL_ROLLING_UPDATE + "\":\"true\"}}}");
        Duration perPod = settings.timeouts().gracefulStop().plus(settings.timeouts().podReady())
                .plus(settings.timeouts().groupJoin());
        Duration timeout = settings.timeouts().reconciliation().plus(perPod.multipliedBy(rolls.size()));
        Waits.waitFor("Strimzi's rolling update of StrimziPodSet " + podSetName + " (annotated "
                        + MANUAL_ROLLING_UPDATE + "=true at " + annotated + "): every pod of " + rolls.keySet()
                        + " replaced by a new UID, Ready and in the group, and the annotation removed", timeout,
                () -> observeRoll(rolls.values(), podSet), RollSeen::done);
        return restartsInRollOrder(new ArrayList<>(rolls.values()), annotated);
    }

    /**
     * {@code kubectl scale kafkaconnect <name> --replicas=N}, then waits until the pods are exactly the expected ones
     * ({@link #expectedAfterScale}): the removed ones (highest ordinals) gone, the added ones (next ordinals) Ready and
     * in the group, all Ready. A scale does not roll the pods that stay.
     */
    void scale(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Worker count must be 0 or more, got " + count);
        }
        List<String> before = names(connectPods.get());
        List<String> expected = expectedAfterScale(before, count);
        Set<String> added = new LinkedHashSet<>(expected);
        before.forEach(added::remove);
        Set<String> joined = new LinkedHashSet<>();
        Crds.kafkaConnectOperation(client).inNamespace(settings.namespace()).withName(settings.connectName())
                .scale(count);
        Waits.waitFor(count + " Ready Connect pods of " + settings.connectName() + ", exactly " + expected
                        + " (removed: " + before.stream().filter(n -> !expected.contains(n)).toList() + ", added: "
                        + added + ", in the group)", settings.timeouts().scale(),
                () -> observeScale(expected, added, joined), ScaleSeen::done);
    }

    /**
     * Deletes the first broker pod of the Kafka cluster (lowest node id among pods labelled
     * {@code strimzi.io/cluster=<kafka>}, {@code strimzi.io/kind=Kafka}, {@code strimzi.io/broker-role=true}), then
     * waits for it to be gone and for its replacement (same name, new UID) to be Ready.
     */
    Restart restartBroker(Shutdown shutdown) {
        // Strimzi 1.2 docs roll a broker by annotating its pod: kubectl annotate pod my-cluster-pool-a-1
        // strimzi.io/manual-rolling-update="true"
        Pod broker = firstBroker();
        String name = broker.getMetadata().getName();
        String oldUid = broker.getMetadata().getUid();
        Instant requested = Instant.now();
        delete(name, shutdown);
        Instant gone = awaitGone(name, oldUid, goneTimeout(shutdown));
        Instant back = awaitReplacedAndReady(name, oldUid, settings.timeouts().podReady()).at();
        return new Restart(name, requested, gone, back);
    }

    /**
     * The Connect pod names after a scale to {@code count} from {@code before} (in ordinal order): Strimzi removes the
     * highest ordinals and adds the next ones.
     */
    static List<String> expectedAfterScale(List<String> before, int count, String connectName) {
        if (count <= before.size()) {
            return List.copyOf(before.subList(0, count));
        }
        int next = before.stream().mapToInt(StrimziPodLifecycle::ordinal).max().orElse(-1) + 1;
        List<String> expected = new ArrayList<>(before);
        IntStream.range(next, next + count - before.size()).forEach(i -> expected.add(connectName + "-connect-" + i));
        return expected;
    }

    private List<String> expectedAfterScale(List<String> before, int count) {
        return expectedAfterScale(before, count, settings.connectName());
    }

    /**
     * Orders the restarts by when each pod went and fills in {@code requested} where the old pod was never seen
     * terminating (see {@link #rollingRestart()}).
     */
    static List<Restart> restartsInRollOrder(List<PodRoll> rolls, Instant annotated) {
        List<PodRoll> ordered = new ArrayList<>(rolls);
        ordered.sort(Comparator.comparing((PodRoll r) -> r.gone).thenComparingInt(r -> ordinal(r.name)));
        List<Restart> restarts = new ArrayList<>();
        Instant earliestAsk = annotated;
        for (PodRoll roll : ordered) {
            Instant requested = roll.told != null ? roll.told : earliest(earliestAsk, roll.gone);
            restarts.add(new Restart(roll.name, requested, roll.gone, roll.back));
            earliestAsk = latest(annotated, roll.ready);
        }
        return restarts;
    }

    private void delete(String pod, Shutdown shutdown) {
        PodResource resource = pods().withName(pod);
        if (shutdown == Shutdown.FORCE) {
            resource.withGracePeriod(0).delete(); // kubectl delete pod --grace-period=0 --force
        } else {
            resource.delete(); // kubectl delete pod: the pod's terminationGracePeriodSeconds
        }
    }

    private Duration goneTimeout(Shutdown shutdown) {
        return shutdown == Shutdown.FORCE ? settings.timeouts().podGone() : settings.timeouts().gracefulStop();
    }

    private Instant awaitGone(String name, String oldUid, Duration timeout) {
        return Waits.waitFor("pod " + name + " (UID " + oldUid + ") to be gone (absent, replaced, or terminating and"
                        + " not Ready)", timeout, () -> look(name), seen -> seen.goneFrom(oldUid)).at();
    }

    private Look awaitReplacedAndReady(String name, String oldUid, Duration timeout) {
        return Waits.waitFor("pod " + name + " to come back with a new UID (old " + oldUid + ") and be Ready", timeout,
                () -> look(name), seen -> seen.replacedAndReady(oldUid));
    }

    private Instant awaitInGroup(String worker, Duration timeout) {
        return Waits.waitFor("Connect pod " + worker + " to join the group (a '" + ASSIGNMENT + "' line with "
                        + NO_ERROR + " in its log)", timeout, () -> groupLook(worker), GroupLook::joined).at();
    }

    private Look look(String name) {
        return new Look(Instant.now(), new PodSeen(pods().withName(name).get()));
    }

    /** The newest {@code got assignment ... error=0} line of the pod's current Connect container, if any. */
    private GroupLook groupLook(String worker) {
        String log = pods().withName(worker).inContainer(connectComponent()).usingTimestamps()
                .tailingLines(settings.logTailLines()).getLog();
        List<String> lines = log.lines().toList();
        Optional<String> assignment = lines.reversed().stream()
                .filter(l -> l.contains(ASSIGNMENT) && l.contains(NO_ERROR)).findFirst();
        return new GroupLook(Instant.now(), worker, lines.size(), assignment);
    }

    private boolean inGroup(String worker) {
        try {
            return groupLook(worker).joined();
        } catch (RuntimeException e) {
            return false; // a pod that is just starting may not serve its log yet: not in the group yet
        }
    }

    private RollSeen observeRoll(Iterable<PodRoll> rolls, Resource<StrimziPodSet> podSet) {
        Map<String, Pod> now = new HashMap<>();
        connectPods.get().forEach(p -> now.put(p.getMetadata().getName(), p));
        Instant at = Instant.now();
        List<String> states = new ArrayList<>();
        boolean allBack = true;
        for (PodRoll roll : rolls) {
            roll.observe(now.get(roll.name), at);
            if (roll.ready != null && roll.back == null && inGroup(roll.name)) {
                roll.back = Instant.now();
            }
            allBack &= roll.back != null;
            states.add(roll.describe(now.get(roll.name)));
        }
        StrimziPodSet current = podSet.get();
        boolean annotated = current != null && current.getMetadata().getAnnotations() != null
                && current.getMetadata().getAnnotations().containsKey(MANUAL_ROLLING_UPDATE);
        return new RollSeen(states, allBack, annotated);
    }

    private ScaleSeen observeScale(List<String> expected, Set<String> added, Set<String> joined) {
        List<PodSeen> pods = connectPods.get().stream().map(PodSeen::new).toList();
        Map<String, PodSeen> byName = new HashMap<>();
        pods.forEach(p -> byName.put(p.pod().getMetadata().getName(), p));
        for (String name : added) {
            PodSeen pod = byName.get(name);
            if (!joined.contains(name) && pod != null && pod.ready() && !terminating(pod.pod()) && inGroup(name)) {
                joined.add(name);
            }
        }
        boolean done = byName.keySet().equals(Set.copyOf(expected))
                && pods.stream().allMatch(p -> p.ready() && !terminating(p.pod()))
                && joined.containsAll(added);
        List<String> notJoined = added.stream().filter(n -> !joined.contains(n)).toList();
        return new ScaleSeen(pods, notJoined, done);
    }

    private Pod firstBroker() {
        Map<String, String> labels = Map.of(ResourceLabels.STRIMZI_CLUSTER_LABEL, settings.kafkaName(),
                ResourceLabels.STRIMZI_KIND_LABEL, Kafka.RESOURCE_KIND, BROKER_ROLE_LABEL, "true");
        return pods().withLabels(labels).list().getItems().stream()
                .filter(p -> !terminating(p))
                .min(Comparator.comparingInt((Pod p) -> ordinal(p.getMetadata().getName()))
                        .thenComparing(p -> p.getMetadata().getName()))
                .orElseThrow(() -> new IllegalStateException("No running broker pod of Kafka " + settings.kafkaName()
                        + " in namespace " + settings.namespace() + " (labels " + labels + ")"));
    }

    private String connectComponent() {
        return settings.connectName() + "-connect";
    }

    private NonNamespaceOperation<Pod, PodList, PodResource> pods() {
        return client.pods().inNamespace(settings.namespace());
    }

    private NonNamespaceOperation<StrimziPodSet, StrimziPodSetList, Resource<StrimziPodSet>> podSets() {
        return Crds.strimziPodSetOperation(client).inNamespace(settings.namespace());
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).toList();
    }

    static boolean terminating(Pod pod) {
        return pod != null && pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** Strimzi names pods {@code <component>-<ordinal>} (Connect) or {@code <kafka>-<pool>-<node id>} (Kafka). */
    static int ordinal(String name) {
        try {
            return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    /** One look at a pod by name, at a time. */
    private record Look(Instant at, PodSeen seen) {
        boolean goneFrom(String oldUid) {
            Pod pod = seen.pod();
            return pod == null || !oldUid.equals(pod.getMetadata().getUid()) || (terminating(pod) && !seen.ready());
        }

        boolean replacedAndReady(String oldUid) {
            Pod pod = seen.pod();
            return pod != null && !oldUid.equals(pod.getMetadata().getUid()) && seen.ready() && !terminating(pod);
        }

        @Override
        public String toString() {
            return seen.toString();
        }
    }

    /** One look at a Connect pod's log for its group membership. */
    private record GroupLook(Instant at, String worker, int linesRead, Optional<String> assignment) {
        boolean joined() {
            return assignment.isPresent();
        }

        @Override
        public String toString() {
            return assignment.map(line -> worker + " logged: " + line)
                    .orElse(worker + ": no '" + ASSIGNMENT + "' line with " + NO_ERROR + " in the last " + linesRead
                            + " log lines");
        }
    }

    /** What the driver has seen of one pod during a rolling update; every time is the first look that showed it. */
    static final class PodRoll {
        final String name;
        final String oldUid;
        /** The old pod seen terminating: the operator deleted it. */
        Instant told;
        Instant gone;
        /** A pod with a new UID seen Ready. */
        Instant ready;
        /** ... and in the group. */
        Instant back;

        PodRoll(String name, String oldUid) {
            this.name = name;
            this.oldUid = oldUid;
        }

        void observe(Pod pod, Instant at) {
            boolean old = pod != null && oldUid.equals(pod.getMetadata().getUid());
            if (old) {
                if (terminating(pod)) {
                    told = told == null ? at : told;
                    if (!new PodSeen(pod).ready()) {
                        gone = gone == null ? at : gone;
                    }
                }
                return;
            }
            gone = gone == null ? at : gone;
            if (pod != null && new PodSeen(pod).ready() && !terminating(pod)) {
                ready = ready == null ? at : ready;
            }
        }

        String describe(Pod pod) {
            String now = new PodSeen(pod).toString();
            if (back != null) {
                return name + ": back in the group (" + now + ")";
            }
            if (ready != null) {
                return name + ": replaced and Ready, not in the group yet (" + now + ")";
            }
            if (gone != null) {
                return name + ": gone, not back yet (" + now + ")";
            }
            return name + ": " + (told != null ? "terminating" : "not rolled yet") + " (" + now + ")";
        }
    }

    /** The state of a rolling update at one look. */
    private record RollSeen(List<String> pods, boolean allBack, boolean annotationPresent) {
        boolean done() {
            return allBack && !annotationPresent;
        }

        @Override
        public String toString() {
            return pods + "; StrimziPodSet annotation " + MANUAL_ROLLING_UPDATE
                    + (annotationPresent ? " still present" : " removed");
        }
    }

    /** The Connect pods at one look during a scale, and the added ones not yet in the group. */
    private record ScaleSeen(List<PodSeen> pods, List<String> notInGroup, boolean done) {
        @Override
        public String toString() {
            return pods + (notInGroup.isEmpty() ? "" : "; not in the group yet: " + notInGroup);
        }
    }
}
