package com.example.increment.architecture;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

/** The local cluster's packages: no cycles, and nothing of Kubernetes (see {@link ArchitectureRules}). */
class ArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.productionClasses();

    @Test
    void packagesHaveNoCycles() {
        ArchitectureRules.noPackageCycles().check(classes);
    }

    @Test
    void theLocalRuntimeKnowsNoKubernetes() {
        ArchitectureRules.localRuntimeKnowsNoKubernetes().check(classes);
    }
}
