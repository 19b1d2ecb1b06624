package com.example.increment.local.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.example.increment.local.LocalClusterSettings;
import com.example.increment.local.LocalConnectCluster;
import com.example.increment.local.process.KafkaRuntime;
import com.example.increment.verify.CcompatClient;

/**
 * The local cluster in the Avro format: Apicurio Registry beside the broker and workers, the workers'
 * value converter set to Avro through it, the converter's plugin folder on their plugin.path. Stops workers first,
 * then the broker, then the registry (a stopping task may still convert records).
 */
public final class AvroLocalCluster implements AutoCloseable {

    private final ApicurioRegistry registry;
    private final LocalConnectCluster cluster;

    private AvroLocalCluster(ApicurioRegistry registry, LocalConnectCluster cluster) {
        this.registry = registry;
        this.cluster = cluster;
    }

    /** Defines (does not start) the registry and a cluster whose workers write Avro through it. */
    public static AvroLocalCluster define(LocalClusterSettings settings, ApicurioRegistry registry,
                                            RegistryRuntime registryRuntime, KafkaRuntime kafkaRuntime) {
        LocalClusterSettings avro = settings.withWorkerOverrides(
                AvroFormat.workerOverrides(registry.apiV2Url(), kafkaRuntime.pluginPath(), registryRuntime));
        return new AvroLocalCluster(registry, new LocalConnectCluster(avro, kafkaRuntime));
    }

    /** A registry on free ports, its data and log beside the cluster's. */
    public static AvroLocalCluster onFreePorts(LocalClusterSettings settings) {
        KafkaRuntime kafkaRuntime = KafkaRuntime.locate();
        RegistryRuntime registryRuntime = RegistryRuntime.locate();
        return define(settings, ApicurioRegistry.onFreePorts(settings.dataDir(), settings.logDir(), registryRuntime,
                kafkaRuntime), registryRuntime, kafkaRuntime);
    }

    /**
     * Starts the registry and the cluster side by side (workers only need the registry once a connector runs), and
     * returns when both are ready.
     */
    public AvroLocalCluster start() {
        CompletableFuture<ApicurioRegistry> registryStarted = CompletableFuture.supplyAsync(registry::start);
        try {
            cluster.start();
            registryStarted.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return this;
    }

    public ApicurioRegistry registry() {
        return registry;
    }

    public LocalConnectCluster cluster() {
        return cluster;
    }

    /** A connector config (e.g. the default one) with its value converter switched to Avro through this registry. */
    public Map<String, String> avroConnectorConfig(Map<String, String> jsonConfig) {
        return AvroFormat.connectorConfig(jsonConfig, registry.apiV2Url());
    }

    public CcompatClient ccompat() {
        return new CcompatClient(registry.ccompatUrl());
    }

    public String describeProcesses() {
        String registryLine = registry.isRunning() ? String.format("registry %s pid %d, RSS %d MiB, ready in %.1f s",
                registry.url(), registry.process().pid(), registry.process().rssKib() / 1024,
                registry.lastStartup().toMillis() / 1000.0) : "registry " + registry.url() + " (stopped)";
        return cluster.describeProcesses() + "\n" + registryLine;
    }

    public List<Path> logFiles() {
        List<Path> files = new ArrayList<>(cluster.logFiles());
        files.add(registry.logFile());
        return files;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            registry.stop();
        }
    }
}
