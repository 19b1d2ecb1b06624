package com.example.increment.bench;

import com.example.increment.local.LocalClusterSettings;

/** The Connect workers a bench cluster runs: as the chart sizes them, or as the load generator preset does. */
public enum WorkerShape {
    /** The chart's pods (1 GiB limit, -Xmx512m): the JVM picks the Serial GC there, as the local cluster does. */
    CHART("chart worker (512 MiB heap, Serial GC)"),
    /** The JVM and worker settings of helm/examples/load-generator-values.yaml. */
    LOAD_GENERATOR("load generator worker (its preset's JVM)");

    private final String label;

    WorkerShape(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    LocalClusterSettings apply(LocalClusterSettings settings) {
        return this == CHART ? settings : LoadGenerator.preset().applyTo(settings);
    }
}
