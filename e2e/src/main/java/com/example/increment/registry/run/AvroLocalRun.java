package com.example.increment.registry.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import com.example.increment.cluster.ConnectRest;
import com.example.increment.cluster.LabConnector;
import com.example.increment.cluster.LocalClusterSettings;
import com.example.increment.cluster.LocalStandaloneConnect;
import com.example.increment.cluster.process.KafkaRuntime;
import com.example.increment.cluster.run.LiveView;
import com.example.increment.cluster.run.RunOptions;
import com.example.increment.registry.ApicurioRegistry;
import com.example.increment.registry.AvroConnectCluster;
import com.example.increment.registry.AvroFormat;
import com.example.increment.registry.AvroValueDecoder;
import com.example.increment.registry.RegistryRuntime;

/**
 * {@code make run FORMAT=avro}: the lab's module 4 with Avro values, Apicurio Registry as one more process beside
 * the broker and two workers. Takes {@code make run}'s options plus {@code --registry-port N} and
 * {@code --registry-management-port N}; with {@code --standalone} the lab's module 3 in Avro. Its data lives in
 * {@code <data-dir>/avro} (standalone: {@code <data-dir>/standalone/avro}): the JSON runs' topics stay JSON.
 */
public final class AvroLocalRun {

    private static final PrintStream OUT = System.out;
    static final int DEFAULT_REGISTRY_PORT = 8081;
    static final int DEFAULT_REGISTRY_MANAGEMENT_PORT = 9081;

    private AvroLocalRun() {
    }

    public static void main(String[] args) {
        int registryPort = DEFAULT_REGISTRY_PORT;
        int managementPort = DEFAULT_REGISTRY_MANAGEMENT_PORT;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--registry-port" -> registryPort = port(args, ++i);
                case "--registry-management-port" -> managementPort = port(args, ++i);
                default -> rest.add(args[i]);
            }
        }
        RunOptions o = RunOptions.parse(rest.toArray(String[]::new));
        // RunOptions.settings() keeps make run's layout (one worker port when standalone); Avro gets its own data.
        LocalClusterSettings json = o.settings();
        LocalClusterSettings settings = LocalClusterSettings.defaults(o.dataDir().resolve("avro")).withHeap(o.heap())
                .withPorts(json.brokerPort(), json.controllerPort(), json.workerPorts());
        try {
            if (o.standalone()) {
                runStandalone(o, settings, registryPort, managementPort);
            } else {
                run(o, settings, registryPort, managementPort);
            }
        } catch (RuntimeException e) {
            System.err.println("\nrun: " + e.getMessage() + "\nLogs: " + settings.logDir());
            System.exit(1);
        }
    }

    private static void run(RunOptions o, LocalClusterSettings settings, int registryPort, int managementPort) {
        KafkaRuntime kafkaRuntime = KafkaRuntime.locate();
        RegistryRuntime registryRuntime = RegistryRuntime.locate();
        ApicurioRegistry registry = new ApicurioRegistry(settings.dataDir(), settings.logDir(), registryPort,
                managementPort, ApicurioRegistry.DEFAULT_HEAP, registryRuntime, kafkaRuntime);
        AvroConnectCluster avro = AvroConnectCluster.define(settings, registry, registryRuntime, kafkaRuntime);
        LiveView view = new LiveView(avro.cluster().bootstrapServers(), LabConnector.TOPIC_PREFIX,
                o.printRecords(), new AvroValueDecoder(registry.ccompatUrl()),
                () -> header(avro, settings), OUT);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            view.stop();
            OUT.println("\nStopping: Connect workers first (they commit their offsets), then the broker and the registry...");
            avro.close();
            OUT.println("Stopped. Data kept in " + settings.dataDir() + ": the next run continues every sequence.");
        }, "stop-avro-run"));

        OUT.printf("Starting Apicurio Registry on %s beside a Kafka broker on %s and %d Connect workers on %s "
                + "(data in %s, logs in %s)...%n", registry.url(), avro.cluster().bootstrapServers(),
                o.workerPorts().size(), o.workerPorts(), settings.dataDir(), settings.logDir());
        avro.start();
        OUT.println(avro.describeProcesses());
        ConnectRest rest = avro.cluster().rest();
        if (rest.connectors().contains(LabConnector.NAME)) {
            OUT.println("Connector " + LabConnector.NAME + " exists (from the last run): continuing it.");
        } else {
            OUT.println("Creating connector " + LabConnector.NAME + " (Avro values) through the REST API, tasks.max="
                    + o.tasks());
            rest.putConnector(LabConnector.NAME, avro.avroConnectorConfig(LabConnector.config(o.tasks())));
        }
        if (o.printRecords()) {
            OUT.println(header(avro, settings));
        }
        view.run();
    }

    /** The lab's module 3 in Avro: connect-standalone with connector1.properties, the registry beside it. */
    private static void runStandalone(RunOptions o, LocalClusterSettings settings, int registryPort, int managementPort) {
        KafkaRuntime kafkaRuntime = KafkaRuntime.locate();
        RegistryRuntime registryRuntime = RegistryRuntime.locate();
        ApicurioRegistry registry = new ApicurioRegistry(settings.dataDir(), settings.logDir(), registryPort,
                managementPort, ApicurioRegistry.DEFAULT_HEAP, registryRuntime, kafkaRuntime);
        LocalStandaloneConnect standalone = new LocalStandaloneConnect(settings.withWorkerOverrides(
                AvroFormat.workerOverrides(registry.apiV2Url(), kafkaRuntime.pluginPath(), registryRuntime)),
                kafkaRuntime, AvroFormat.valueConverter(registry.apiV2Url()));
        LiveView view = new LiveView(standalone.bootstrapServers(), LabConnector.TOPIC_PREFIX,
                o.printRecords(), new AvroValueDecoder(registry.ccompatUrl()),
                () -> "increment: the lab's module 3 (connect-standalone) in Avro, tasks.max=" + o.tasks()
                        + "   Ctrl-C stops everything; the next run continues\nregistry " + registry.url()
                        + "   broker " + standalone.bootstrapServers() + "   data " + settings.dataDir() + "\n", OUT);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            view.stop();
            OUT.println("\nStopping: connect-standalone first (it writes its offsets file), then the broker and the registry...");
            try {
                standalone.close();
            } finally {
                registry.stop();
            }
            OUT.println("Stopped. Data kept in " + settings.dataDir() + ": the next run continues every sequence.");
        }, "stop-avro-standalone-run"));

        OUT.printf("Starting Apicurio Registry on %s, then a Kafka broker on %s and connect-standalone with "
                + "connector1.properties (Avro values), tasks.max=%d (data in %s)...%n", registry.url(),
                standalone.bootstrapServers(), o.tasks(), settings.dataDir());
        registry.start();
        standalone.start(o.tasks());
        view.run();
    }

    private static String header(AvroConnectCluster avro, LocalClusterSettings settings) {
        ApicurioRegistry r = avro.registry();
        return String.join("\n",
                "increment: the lab's module 4 in Avro   Ctrl-C stops everything; the next run continues",
                avro.describeProcesses(),
                "data " + settings.dataDir() + "   logs " + settings.logDir(),
                "",
                "Try in another terminal:",
                "  curl -s " + r.ccompatUrl() + "/subjects | jq .",
                "  curl -s " + r.ccompatUrl() + "/subjects/seq_1-value/versions/latest | jq -r .schema | jq .",
                "  make consume FORMAT=avro TOPIC=seq_1      # the lab's kafka-avro-console-consumer --from-beginning",
                "  curl -s http://localhost:" + settings.workerPorts().get(0) + "/connectors/" + LabConnector.NAME
                        + "/status | jq .",
                "");
    }

    private static int port(String[] args, int i) {
        if (i >= args.length || !args[i].matches("\\d{1,5}") || Integer.parseInt(args[i]) > 65535
                || Integer.parseInt(args[i]) < 1) {
            throw new IllegalArgumentException(args[i - 1] + " needs a port 1..65535"
                    + (i < args.length ? ", was '" + args[i] + "'" : ""));
        }
        return Integer.parseInt(args[i]);
    }
}
