package com.example.increment.kubernetes;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a Kubernetes suite only where {@link KubernetesTarget#choose} finds a cluster (KUBECONFIG, or Docker for K3s);
 * elsewhere it is skipped with the reason, which is also printed so that `make e2e-k8s` shows it.
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
        return c.target().isPresent()
                ? ConditionEvaluationResult.enabled("Kubernetes target: " + c.reason())
                : ConditionEvaluationResult.disabled("Kubernetes e2e skipped: " + c.reason());
    }
}
