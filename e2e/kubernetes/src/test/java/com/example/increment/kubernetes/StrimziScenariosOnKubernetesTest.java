package com.example.increment.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.example.increment.scenarios.ClusterOperation;
import com.example.increment.scenarios.ClusterTiming;
import com.example.increment.scenarios.OperationRun;
import com.example.increment.scenarios.Regroup;
import com.example.increment.scenarios.ScenarioRun;
import com.example.increment.scenarios.WorkerLoss;
import com.example.increment.scenarios.WorkerLoss.Loss;
import com.example.increment.scenarios.WorkerLoss.Pick;
import io.strimzi.api.kafka.Crds;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenarios 1 to 7 and Strimzi's pod lifecycle operations on Strimzi (K3s in Docker, or KUBECONFIG), the same
 * {@link WorkerLoss}, {@link Regroup} and {@link OperationRun} code as the local suites, with a
 * {@link StrimziConnectCluster} as the driver. Tagged {@code k8s}:
 * run by `make e2e-k8s`, skipped with the reason where no cluster can be had.
 *
 * <p>What differs from the local run:
 * <ul>
 *   <li>A deleted Connect pod comes back by itself (the StrimziPodSet recreates it under the same name), so a
 *       "kill" is a force-delete followed by a restart a minute or so later, not a worker that stays down.</li>
 *   <li>Worker settings come from the chart's {@code connect.config} (KafkaConnect {@code spec.config}, defaults
 *       {@code scheduled.rebalance.max.delay.ms=0}, {@code offset.flush.interval.ms=10000}); the suite reads
 *       them ({@link StrimziScenarioTiming}) instead of choosing them, and its bounds follow them. The suite's values
 *       ({@code helm/ci/insecure-values.yaml}) set a short rebalance delay so scenarios 3 and 4 stay quick; there is
 *       no contrast without a delay, since changing it means rolling every Connect pod. Scenario 8 (exactly-once) and 9
 * (chaos)
 *       are not run: the CI values do not enable exactly-once, and chaos on pods that restart by themselves needs its
 *       own design.</li>
 *   <li>Bounds are looser by {@link #POD_SLACK}: a pod is rescheduled, pulls nothing but starts a JVM and passes its
 *       readiness probe, and status is read by exec into a pod.</li>
 * </ul>
 */
@Tag("k8s")
@ExtendWith(KubernetesTargetCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StrimziScenariosOnKubernetesTest {

    /** What a pod restart, a rescheduling and exec-based reads add to an outage on a small node. */
    static final Duration POD_SLACK = Duration.ofMinutes(3);
    /** A KafkaConnector patch waits for the operator to see it and call Connect's REST API. */
    static final Duration OPERATOR_SLACK = Duration.ofSeconds(30);

    private KubernetesEnvironment env;
    private StrimziConnectCluster cluster;
    private ClusterTiming timing;
    private int workersAtStart;

    @BeforeAll
    void startCluster() {
        env = KubernetesTargetCondition.choice().target().orElseThrow().start();
        cluster = env.connectCluster();
        KafkaConnect connect = Crds.kafkaConnectOperation(env.client()).inNamespace(env.namespace())
                .withName(cluster.settings().connectName()).get();
        timing = StrimziScenarioTiming.of(connect);
        workersAtStart = cluster.workers().size();
        System.out.println("Strimzi scenarios on " + cluster.workers() + ", " + timing.describe());
    }

    @AfterAll
    void stopCluster() {
        try {
            if (cluster != null && workersAtStart > 0 && cluster.workers().size() != workersAtStart) {
                cluster.scaleWorkers(workersAtStart);
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            if (env != null) {
                env.close();
            }
        }
    }

    @Test
    @Order(1)
    void k1ForceDeletedFollowerPodLosesNothingAndReplaysAtMostWhatFollowedTheLastOffsetFlush() {
        WorkerLoss loss = WorkerLoss.run(run("k1-force-delete-follower",
                "force-delete a follower Connect pod: no gap, duplicates only since the last offset flush"),
                Pick.FOLLOWER, Loss.KILL);

        assertThat(loss.data().sequences()).hasSize(ScenarioRun.INCREMENTS.size());
        assertThat(loss.data().hasGaps()).as(loss.data().render()).isFalse();
        // +10 s (local: +5 s): the crash is a pod force-delete, whose SIGKILL reaches the JVM a moment later.
        long replayBound = ScenarioRun.RECORDS_PER_SECOND * timing.offsetFlush().plusSeconds(10).toSeconds();
        loss.data().sequences().values().forEach(s -> assertThat(s.duplicateCount())
                .as("duplicates of %s, offset flush %d s", s.topic(), timing.offsetFlush().toSeconds())
                .isLessThanOrEqualTo(replayBound));
        for (String topic : loss.movedTopics()) {
            // Unlike the local run without a rebalance delay, the chart's rebalance delay applies: the tasks wait for
            // it (or for the pod's return).
            assertThat(loss.outage(topic)).as("outage of %s, moved from the deleted pod", topic)
                    .isGreaterThan(Duration.ofSeconds(1))
                    .isLessThan(crashBound());
        }
    }

    @Test
    @Order(2)
    void k2GracefullyDeletedFollowerPodLosesNothingAndDuplicatesNothing() {
        WorkerLoss loss = WorkerLoss.run(run("k2-graceful-delete",
                "graceful delete of a follower Connect pod: no gap, no duplicate"), Pick.FOLLOWER, Loss.STOP);

        assertThat(loss.data().hasGaps()).as(loss.data().render()).isFalse();
        assertThat(loss.data().totalDuplicates()).as("a graceful stop commits offsets: " + loss.data().render())
                .isZero();
        for (String topic : loss.movedTopics()) {
            assertThat(loss.outage(topic)).as("outage of %s, moved from the deleted pod", topic)
                    .isLessThan(crashBound());
        }
    }

    @Test
    @Order(3)
    void k5ForceDeletedLeaderPodsTasksMoveWithoutWaitingForTheDelay() {
        WorkerLoss loss = WorkerLoss.run(run("k5-force-delete-leader",
                "force-delete the leader's Connect pod: its tasks move without waiting for the delay"), Pick.LEADER,
                        Loss.KILL);

        assertThat(loss.victimLed()).isTrue();
        assertThat(loss.data().hasGaps()).as(loss.data().render()).isFalse();
        // Noticed after the session timeout, then moved at once; the contrast to the delay shows only when the delay
        // exceeds this
        // bound (the chart's 60 s does).
        Duration bound = timing.sessionTimeout().plus(OPERATOR_SLACK);
        for (String topic : loss.movedTopics()) {
            assertThat(loss.outage(topic)).as("outage of %s (the leader's task), rebalance delay %d s", topic,
                    timing.rebalanceDelay().toSeconds()).isLessThan(bound);
        }
    }

    @Test
    @Order(4)
    void k7TasksMaxOneTwoOneThroughKafkaConnectorPatchRegroupsWithoutGapOrDuplicate() {
        Regroup regroup = Regroup.changeTasksMax(run("k7-tasks-max",
                "KafkaConnector spec.tasksMax 1 -> 2 -> 1: tasks regroup, continuity holds"), 1, List.of(2, 1));

        assertThat(regroup.steps()).extracting(s -> s.settled().tasks().size()).containsExactly(1, 2, 1);
        assertThat(regroup.data().hasGaps()).as(regroup.data().render()).isFalse();
        assertThat(regroup.data().totalDuplicates()).as("tasks stop gracefully and commit: " + regroup.data().render())
                .isZero();
        // Local: below the session timeout. Here the operator's reconciliation comes first.
        regroup.data().sequences().keySet().forEach(topic -> assertThat(regroup.outage(topic))
                .as("outage of %s while regrouping", topic).isLessThan(timing.sessionTimeout().plus(OPERATOR_SLACK)));
    }

    @Test
    @Order(5)
    void k6ScalingKafkaConnectTwoThreeOneSpreadsAndGathersTasksWithoutGapOrDuplicate() {
        if (cluster.workers().size() != 2) {
            cluster.scaleWorkers(2); // the chart's default; the scenario starts from two workers
        }
        Regroup regroup = Regroup.scaleWorkers(run("k6-scale-kafkaconnect",
                "kubectl scale kafkaconnect 2 -> 3 -> 1: tasks spread and gather, continuity holds"), List.of(3, 1));

        assertThat(regroup.workersUsed()).as("pods running tasks after each step").containsExactly(2, 3, 1);
        assertThat(regroup.data().hasGaps()).as(regroup.data().render()).isFalse();
        assertThat(regroup.data().totalDuplicates()).as("pods leave gracefully: " + regroup.data().render()).isZero();
        // Pods removed by a scale-down leave the group: their tasks wait for the delay like a lost member's.
        regroup.data().sequences().keySet().forEach(topic -> assertThat(regroup.outage(topic))
                .as("outage of %s while scaling", topic).isLessThan(crashBound()));
    }

    @Test
    @Order(6)
    void k3ForceDeletedFollowerPodsSequencesWaitAboutTheInstalledDelay() {
        if (cluster.workers().size() != 2) {
            cluster.scaleWorkers(2);
        }
        WorkerLoss loss = WorkerLoss.run(run("k3-delay-force-delete",
                "force-delete a follower pod: its sequences wait about the rebalance delay read from the KafkaConnect"),
                Pick.FOLLOWER, Loss.KILL);

        assertThat(loss.data().hasGaps()).as(loss.data().render()).isFalse();
        for (String topic : loss.movedTopics()) {
            assertThat(loss.outage(topic)).as("outage of %s, rebalance delay %d s", topic,
                    timing.rebalanceDelay().toSeconds()).isBetween(delayLowerBound(), crashBound());
        }
    }

    @Test
    @Order(7)
    void k4PodBackUnderTheSameNameGetsItsTasksOnlyWhenTheDelayExpires() {
        WorkerLoss loss = WorkerLoss.run(run("k4-delay-delete-restart",
                "force-delete a follower pod and let it come back: its tasks return only when the delay expires"),
                Pick.FOLLOWER, Loss.KILL_AND_RESTART);

        assertThat(loss.data().hasGaps()).as(loss.data().render()).isFalse();
        for (String topic : loss.movedTopics()) {
            assertThat(loss.outage(topic)).as("outage of %s although its pod was back at %s", topic, loss.backAt())
                    .isBetween(delayLowerBound(), crashBound());
        }
    }

    @Test
    @Order(8)
    void o1GracefulPodDeleteWaitsForTheDelayToo() {
        OperationRun op = OperationRun.run(run("o1-pod-delete", ClusterOperation.POD_DELETE.description()),
                ClusterOperation.POD_DELETE);

        assertThat(op.data().hasGaps()).as(op.data().render()).isFalse();
        assertThat(op.data().totalDuplicates()).as("a graceful stop commits offsets").isZero();
        assertThat(op.movedOutage()).as("the deleted pod's sequences").isBetween(delayLowerBound(), crashBound());
    }

    @Test
    @Order(9)
    void o2RollingRestartLosesNothing() {
        OperationRun op = OperationRun.run(run("o2-rolling-restart", ClusterOperation.ROLLING_RESTART_2.description()),
                ClusterOperation.ROLLING_RESTART_2);

        assertThat(op.restarts()).as("every Connect pod rolled").hasSize(2);
        assertThat(op.data().hasGaps()).as(op.data().render()).isFalse();
        assertThat(op.data().totalDuplicates()).as("rolled pods stop gracefully").isZero();
        assertThat(op.movedOutage()).as("the longest stall of a rolled pod's sequences")
                .isLessThan(crashBound().plus(timing.rebalanceDelay()));
    }

    @Test
    @Order(10)
    void o3ScaleDownRemovesTheHighestPodAndLosesNothing() {
        cluster.scaleWorkers(ClusterOperation.SCALE_DOWN.workersBefore());
        OperationRun op = OperationRun.run(run("o3-scale-down", ClusterOperation.SCALE_DOWN.description()),
                ClusterOperation.SCALE_DOWN);

        assertThat(op.data().hasGaps()).as(op.data().render()).isFalse();
        assertThat(op.movedOutage()).as("the removed pod's sequences").isLessThan(crashBound());
    }

    private ScenarioRun run(String id, String title) {
        return new ScenarioRun(cluster, timing, id, title);
    }

    /** The delay starts when the leader sees the member go; loose by a few seconds (the operations matrix). */
    private Duration delayLowerBound() {
        return timing.rebalanceDelay().minusSeconds(5).isNegative() ? Duration.ZERO
                : timing.rebalanceDelay().minusSeconds(5);
    }

    /** Noticed (session timeout), kept for the delay, then moved or given back to the recreated pod, plus pod slack. */
    private Duration crashBound() {
        return timing.sessionTimeout().plus(timing.rebalanceDelay()).plus(POD_SLACK);
    }
}
