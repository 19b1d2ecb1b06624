package com.example.increment.architecture;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * Everything the Strimzi driver sits on, seen together: no cycles, and the Kubernetes dependency points one way only
 * (the driver uses the local cluster's interface and verifier, never the reverse).
 */
class KubernetesArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.productionClasses();

    @Test
    void packagesHaveNoCycles() {
        ArchitectureRules.noPackageCycles().check(classes);
    }

    @Test
    void theLocalRuntimeKnowsNoKubernetes() {
        ArchitectureRules.localRuntimeKnowsNoKubernetes().check(classes);
    }

    @Test
    void scenariosKnowNoKubernetes() {
        ArchitectureRules.scenariosAreWrittenAgainstTheInterface().check(classes);
    }
}
