package com.example.increment.architecture;

import org.junit.jupiter.api.Test;

/** The benchmarks with what they measure with: no package cycles. */
class BenchArchitectureTest {

    @Test
    void packagesHaveNoCycles() {
        ArchitectureRules.noPackageCycles().check(ArchitectureRules.productionClasses());
    }
}
