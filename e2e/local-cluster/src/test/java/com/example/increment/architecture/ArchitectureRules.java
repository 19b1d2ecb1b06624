package com.example.increment.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape of the e2e code, checked by every e2e module on what its classpath holds: no package cycles, and the
 * local cluster (what {@code make run} runs) knows nothing of Kubernetes. Shared through this module's test-jar.
 */
public final class ArchitectureRules {

    /** The packages that make up {@code make run} and the verifier: they must run without any Kubernetes library. */
    public static final String[] LOCAL_RUNTIME = {"com.example.increment.local..", "com.example.increment.connect..",
            "com.example.increment.verify..", "com.example.increment.support.."};

    /** Kubernetes libraries: fabric8, Strimzi's model, Testcontainers, helm-java. */
    public static final String[] KUBERNETES_LIBRARIES = {"io.fabric8..", "io.strimzi..", "org.testcontainers..",
            "com.marcnuri.helm.."};

    private ArchitectureRules() {
    }

    /** This project's production classes on the classpath, from every e2e module there (no test classes). */
    public static JavaClasses productionClasses() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("com.example.increment");
        // A wrong import would make every rule pass on nothing.
        if (!classes.contain("com.example.increment.connect.ConnectCluster")) {
            throw new IllegalStateException("The local cluster's classes are not on this classpath: " + classes.size()
                    + " classes imported");
        }
        return classes;
    }

    /** Every package is its own slice: a package may not reach back to one that reaches it. */
    public static ArchRule noPackageCycles() {
        return slices().matching("com.example.increment.(**)").should().beFreeOfCycles();
    }

    public static ArchRule localRuntimeKnowsNoKubernetes() {
        return noClasses().that().resideInAnyPackage(LOCAL_RUNTIME)
                .should().dependOnClassesThat().resideInAnyPackage(KUBERNETES_LIBRARIES)
                .orShould().dependOnClassesThat().resideInAPackage("com.example.increment.kubernetes..")
                .because("make run's classpath carries no Kubernetes jar");
    }

    public static ArchRule scenariosAreWrittenAgainstTheInterface() {
        return noClasses().that().resideInAPackage("com.example.increment.scenarios..")
                .should().dependOnClassesThat().resideInAnyPackage("com.example.increment.kubernetes..")
                .orShould().dependOnClassesThat().resideInAnyPackage(KUBERNETES_LIBRARIES)
                .because("scenarios run on any ConnectCluster driver");
    }
}
