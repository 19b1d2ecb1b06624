package com.example.increment.local.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.example.increment.connect.ConnectRest;
import com.example.increment.connect.ConnectorStatus;
import com.example.increment.connect.IncrementConnector;
import com.example.increment.local.ConnectWorker;
import com.example.increment.local.KafkaBroker;
import com.example.increment.local.LocalClusterSettings;
import com.example.increment.local.LocalConnectCluster;
import com.example.increment.local.LocalStandaloneConnect;
import com.example.increment.local.process.KafkaRuntime;
import com.example.increment.local.registry.ApicurioRegistry;
import com.example.increment.local.registry.AvroFormat;
import com.example.increment.local.registry.RegistryRuntime;
import com.example.increment.verify.AvroValueDecoder;
import com.example.increment.verify.ValueDecoder;

/**
 * {@code make run} (a distributed cluster: a broker, 2 workers, the default connector created through REST) and
 * {@code make run-standalone} (standalone mode), in JSON or, with {@code --format avro}, in Avro through a local
 * Apicurio Registry; with a live view until Ctrl-C, which stops the workers first (they commit their offsets), then
 * the broker and the registry. The data folder stays, so the next run continues every sequence.
 */
public final class LocalRun {

    private static final PrintStream OUT = System.out;

    private final RunOptions options;
    private final KafkaRuntime runtime = KafkaRuntime.locate();
    private final Optional<ApicurioRegistry> registry;

    private LocalRun(RunOptions options) {
        this.options = options;
        this.registry = options.avro() ? Optional.of(new ApicurioRegistry(options.dataDir(),
                options.settings().logDir(), options.registryPort(), options.registryManagementPort(),
                ApicurioRegistry.DEFAULT_HEAP, RegistryRuntime.locate(), runtime)) : Optional.empty();
    }

    public static void main(String[] args) {
        RunOptions options;
        try {
            options = RunOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("run: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            LocalRun run = new LocalRun(options);
            if (options.standalone()) {
                run.standalone();
            } else {
                run.cluster();
            }
        } catch (RuntimeException e) {
            System.err.println("\nrun: " + e.getMessage() + "\nLogs: " + options.settings().logDir());
            System.exit(1);
        }
    }

    private void cluster() {
        LocalConnectCluster cluster = new LocalConnectCluster(settings(), runtime);
        LiveView view = view(cluster.bootstrapServers(), () -> header(cluster.broker(), cluster.runningWorkers(),
                cluster::leader, cluster::rest));
        onCtrlC(view, cluster::close);

        OUT.printf("Starting a Kafka broker on %s (data in %s, logs in %s)...%n", cluster.bootstrapServers(),
                options.dataDir(), options.settings().logDir());
        startRegistry();
        cluster.startBroker();
        OUT.printf("Broker ready in %.1f s. Starting %d Connect workers on ports %s...%n",
                cluster.broker().lastStartup().toMillis() / 1000.0, options.workerPorts().size(), options.workerPorts());
        cluster.start();
        OUT.println(cluster.describeProcesses());
        printMetricsUrls(cluster.runningWorkers());
        ConnectRest rest = cluster.rest();
        if (rest.connectors().contains(IncrementConnector.NAME)) {
            OUT.println("Connector " + IncrementConnector.NAME + " exists (from the last run): continuing it.");
        } else {
            OUT.println("Creating connector " + IncrementConnector.NAME + " (" + options.format().name().toLowerCase()
                    + " values) through the REST API, tasks.max=" + options.tasks());
            Map<String, String> config = IncrementConnector.config(options.tasks());
            rest.putConnector(IncrementConnector.NAME, registry.map(r -> AvroFormat.connectorConfig(config,
                    r.apiV2Url())).orElse(config));
        }
        if (options.printRecords()) {
            OUT.println(header(cluster.broker(), cluster.runningWorkers(), cluster::leader, cluster::rest));
        }
        view.run();
    }

    private void standalone() {
        LocalStandaloneConnect standalone = new LocalStandaloneConnect(settings(), runtime,
                registry.map(r -> AvroFormat.valueConverter(r.apiV2Url())).orElse(Map.of()));
        LiveView view = view(standalone.bootstrapServers(), () -> header(standalone.broker(),
                List.of(standalone.worker()), Optional::empty, standalone::rest));
        onCtrlC(view, standalone::close);

        OUT.printf("Starting a Kafka broker on %s (data in %s, logs in %s)...%n", standalone.bootstrapServers(),
                options.dataDir(), options.settings().logDir());
        OUT.printf("Then connect-standalone with connector1.properties, tasks.max=%d, offsets in %s...%n",
                options.tasks(), standalone.offsetsFile());
        startRegistry();
        standalone.start(options.tasks());
        printMetricsUrls(List.of(standalone.worker()));
        if (options.printRecords()) {
            OUT.println(header(standalone.broker(), List.of(standalone.worker()), Optional::empty, standalone::rest));
        }
        view.run();
    }

    /** The run's settings; with Avro, the workers' value converter goes through the registry. */
    private LocalClusterSettings settings() {
        return registry.map(r -> options.settings().withWorkerOverrides(AvroFormat.workerOverrides(r.apiV2Url(),
                runtime.pluginPath(), RegistryRuntime.locate()))).orElse(options.settings());
    }

    /** Where Prometheus would scrape each worker: the JMX exporter with the chart's rules (helm/files/connect-metrics.yml). */
    private static void printMetricsUrls(List<ConnectWorker> workers) {
        workers.forEach(w -> w.metrics().ifPresent(m -> OUT.printf("Worker %s metrics (JMX exporter, the chart's rules "
                + "%s): %s%n", w.name(), m.exporter().rulesFile(), m.url())));
    }

    private void startRegistry() {
        registry.ifPresent(r -> {
            OUT.printf("Starting Apicurio Registry on %s...%n", r.url());
            r.start();
        });
    }

    private LiveView view(String bootstrapServers, Supplier<String> header) {
        ValueDecoder decoder = registry.<ValueDecoder>map(r -> new AvroValueDecoder(r.ccompatUrl()))
                .orElse(ValueDecoder.json());
        return new LiveView(bootstrapServers, IncrementConnector.TOPIC_PREFIX, options.printRecords(), decoder, header,
                OUT);
    }

    /** Ctrl-C: stop the view, then workers (offsets committed), the broker and the registry. */
    private void onCtrlC(LiveView view, Runnable stopProcesses) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            view.stop();
            OUT.println("\nStopping: Connect workers first (they commit their offsets), then the broker"
                    + registry.map(r -> " and the registry").orElse("") + "...");
            try {
                stopProcesses.run();
            } finally {
                registry.ifPresent(ApicurioRegistry::stop);
            }
            OUT.println("Stopped. Data kept in " + options.dataDir() + ": the next run continues every sequence"
                    + " (`make clean` starts afresh).");
        }, "stop-local-run"));
    }

    private String header(KafkaBroker broker, List<ConnectWorker> workers, Supplier<Optional<String>> leader,
                          Supplier<ConnectRest> rest) {
        List<String> lines = new ArrayList<>();
        String format = options.avro() ? " in Avro" : "";
        lines.add((options.standalone() ? "increment: standalone mode (connect-standalone)" + format
                : "increment: a distributed Connect cluster of " + workers.size() + " workers" + format)
                + "   Ctrl-C stops everything; the next run continues");
        lines.add("broker " + broker.bootstrapServers() + "   data " + options.dataDir() + "   logs "
                + options.settings().logDir());
        registry.ifPresent(r -> lines.add("registry " + r.url() + (r.isRunning() ? "   pid " + r.process().pid() : "")));
        Optional<String> leaderName = leader.get();
        for (ConnectWorker w : workers) {
            lines.add(String.format("worker %s%s   pid %s   RSS %s MiB%s", w.name(),
                    leaderName.filter(w.name()::equals).map(l -> " (leader)").orElse(""),
                    w.process().map(p -> Long.toString(p.pid())).orElse("-"),
                    w.process().map(p -> Long.toString(p.rssKib() / 1024)).orElse("-"),
                    w.metrics().map(m -> "   metrics " + m.url()).orElse("")));
        }
        try {
            ConnectRest r = rest.get();
            ConnectorStatus status = r.status(IncrementConnector.NAME);
            Map<Integer, Map<String, String>> taskConfigs = r.taskConfigs(IncrementConnector.NAME);
            lines.add("connector " + status.name() + " " + status.state() + " on " + status.workerId());
            status.tasks().forEach(t -> lines.add(String.format("  task %d %-10s on %-16s increments %s", t.id(),
                    t.state(), t.workerId(), Optional.ofNullable(taskConfigs.get(t.id()))
                            .map(c -> c.getOrDefault("task.increments", "?")).orElse("?"))));
        } catch (RuntimeException e) {
            lines.add("connector status: not available yet (" + e.getMessage() + ")");
        }
        String first = workers.isEmpty() ? "http://localhost:8083" : "http://localhost:" + workers.get(0).port();
        lines.add("");
        lines.add("Try in another terminal:");
        lines.add(workers.stream().map(w -> "  curl -s http://localhost:" + w.port() + "/connectors/"
                + IncrementConnector.NAME + "/status | jq .").collect(Collectors.joining("\n")));
        lines.add("  curl -s " + first + "/connectors/" + IncrementConnector.NAME + "/offsets | jq .");
        workers.stream().flatMap(w -> w.metrics().stream()).findFirst().ifPresent(m -> lines.add("  curl -s " + m.url()
                + " | grep -E '^kafka_connect_(plugin_sequence|connector_task_status)'"));
        if (!options.standalone()) {
            lines.add("  grep -h leaderUrl= " + options.settings().logDir() + "/worker-*.log | tail -1");
        }
        registry.ifPresent(r -> {
            lines.add("  curl -s " + r.ccompatUrl() + "/subjects/seq_1-value/versions/latest | jq -r .schema | jq .");
            lines.add("  make consume FORMAT=avro TOPIC=seq_1   # kafka-avro-console-consumer --from-beginning");
        });
        lines.add("  make verify" + (options.avro() ? " FORMAT=avro" : "")
                + "      # gaps, duplicates, pauses per sequence;  PRINT=1 prints the records");
        lines.add("");
        return String.join("\n", lines);
    }
}
