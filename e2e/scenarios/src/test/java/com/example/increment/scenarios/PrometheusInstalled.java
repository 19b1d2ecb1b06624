package com.example.increment.scenarios;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.example.increment.local.monitoring.PrometheusServer;

/**
 * Runs a test class only where a {@code prometheus} binary is (Debian's prometheus package), decided before any
 * cluster starts; skipped with the reason otherwise. Where CI says it must be there ({@value #REQUIRED_ENV}=1, set by
 * .ci/run after installing it), a missing one fails instead.
 */
final class PrometheusInstalled implements ExecutionCondition {

    static final String REQUIRED_ENV = "INCREMENT_REQUIRE_PROMETHEUS";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (PrometheusServer.findBinary().isPresent()) {
            return ConditionEvaluationResult.enabled("prometheus found");
        }
        String reason = "prometheus is not installed (Debian: apt-get install prometheus; .ci/run installs it), nor"
                + " given with -D" + PrometheusServer.BINARY_PROPERTY + "=/path/to/prometheus";
        if ("1".equals(System.getenv(REQUIRED_ENV))) {
            throw new IllegalStateException(reason + ", and " + REQUIRED_ENV + "=1 requires it");
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
