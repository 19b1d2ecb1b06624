package com.example.increment.kubernetes;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a Kubernetes suite only where {@link KubernetesTarget#choose} finds a cluster (KUBECONFIG, or Docker for K3s);
 * where there is nothing to run on it is skipped with the reason, which is also printed so that `make e2e-k8s` shows
 * it; a target asked for by name that cannot be had fails the suite instead.
 */
public final class KubernetesTargetCondition implements ExecutionCondition {

    private static volatile KubernetesTarget.Choice choice;

    static KubernetesTarget.Choice choice() {
        if (choice == null) {
            synchronized (KubernetesTargetCondition.class) {
                if (choice == null) {
                    choice = KubernetesTarget.choose();
                    System.err.println("[increment e2e-k8s] " + (choice.target().isPresent() ? "target: " : "SKIPPED: ")
                            + choice.reason());
                }
            }
        }
        return choice;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        KubernetesTarget.Choice c = choice();
        if (c.target().isEmpty() && !c.skippable()) {
            throw new IllegalStateException("Kubernetes e2e cannot run as asked: " + c.reason());
        }
        return c.target().isPresent()
                ? ConditionEvaluationResult.enabled("Kubernetes target: " + c.reason())
                : ConditionEvaluationResult.disabled("Kubernetes e2e skipped: " + c.reason());
    }
}
