package com.example.increment.architecture;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

/** The scenario framework over the local cluster: no cycles, and written against ConnectCluster only. */
class ScenariosArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.productionClasses();

    @Test
    void packagesHaveNoCycles() {
        ArchitectureRules.noPackageCycles().check(classes);
    }

    @Test
    void scenariosKnowNoKubernetes() {
        ArchitectureRules.scenariosAreWrittenAgainstTheInterface().check(classes);
    }
}
