package com.example.increment.cluster.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.increment.cluster.ConnectRest;
import com.example.increment.cluster.ConnectWorker;
import com.example.increment.cluster.ConnectorStatus;
import com.example.increment.cluster.KafkaBroker;
import com.example.increment.cluster.LabConnector;
import com.example.increment.cluster.LocalConnectCluster;
import com.example.increment.cluster.LocalStandaloneConnect;
import com.example.increment.verify.ValueDecoder;

/**
 * {@code make run} (the lab's module 4: a broker, 2 workers, the connector created through REST) and
 * {@code make run-standalone} (module 3), with a live view until Ctrl-C, which stops workers first (they commit
 * their offsets), then the broker. The data folder stays, so the next run continues every sequence.
 */
public final class LocalRun {

    private static final PrintStream OUT = System.out;

    private LocalRun() {
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
            if (options.standalone()) {
                runStandalone(options);
            } else {
                runCluster(options);
            }
        } catch (RuntimeException e) {
            System.err.println("\nrun: " + e.getMessage() + "\nLogs: " + options.settings().logDir());
            System.exit(1);
        }
    }

    private static void runCluster(RunOptions o) {
        LocalConnectCluster cluster = new LocalConnectCluster(o.settings());
        LiveView view = new LiveView(cluster.bootstrapServers(), LabConnector.TOPIC_PREFIX, o.printRecords(),
                ValueDecoder.json(), () -> header(o, cluster.broker(), cluster.runningWorkers(), cluster::leader, cluster::rest), OUT);
        onCtrlC(view, cluster::close, o);

        OUT.printf("Starting a Kafka broker on %s (data in %s, logs in %s)...%n", cluster.bootstrapServers(),
                o.settings().dataDir(), o.settings().logDir());
        cluster.startBroker();
        OUT.printf("Broker ready in %.1f s. Starting %d Connect workers on ports %s...%n",
                cluster.broker().lastStartup().toMillis() / 1000.0, o.workerPorts().size(), o.workerPorts());
        cluster.start();
        OUT.println(cluster.describeProcesses());
        ConnectRest rest = cluster.rest();
        if (rest.connectors().contains(LabConnector.NAME)) {
            OUT.println("Connector " + LabConnector.NAME + " exists (from the last run): continuing it.");
        } else {
            OUT.println("Creating connector " + LabConnector.NAME + " through the REST API, tasks.max=" + o.tasks());
            rest.putConnector(LabConnector.NAME, LabConnector.config(o.tasks()));
        }
        if (o.printRecords()) {
            OUT.println(header(o, cluster.broker(), cluster.runningWorkers(), cluster::leader, cluster::rest));
        }
        view.run();
    }

    private static void runStandalone(RunOptions o) {
        LocalStandaloneConnect standalone = new LocalStandaloneConnect(o.settings());
        LiveView view = new LiveView(standalone.bootstrapServers(), LabConnector.TOPIC_PREFIX, o.printRecords(),
                ValueDecoder.json(), () -> header(o, standalone.broker(), List.of(standalone.worker()), Optional::empty, standalone::rest),
                OUT);
        onCtrlC(view, standalone::close, o);

        OUT.printf("Starting a Kafka broker on %s (data in %s, logs in %s)...%n", standalone.bootstrapServers(),
                o.settings().dataDir(), o.settings().logDir());
        OUT.printf("Then connect-standalone with connector1.properties, tasks.max=%d, offsets in %s...%n", o.tasks(),
                standalone.offsetsFile());
        standalone.start(o.tasks());
        if (o.printRecords()) {
            OUT.println(header(o, standalone.broker(), List.of(standalone.worker()), Optional::empty, standalone::rest));
        }
        view.run();
    }

    /** Ctrl-C: stop the view, then workers (offsets committed) and broker; then let main's thread end. */
    private static void onCtrlC(LiveView view, Runnable stopProcesses, RunOptions o) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            view.stop();
            OUT.println("\nStopping: Connect workers first (they commit their offsets), then the broker...");
            stopProcesses.run();
            OUT.println("Stopped. Data kept in " + o.settings().dataDir() + ": the next run continues every sequence"
                    + " (`make clean` starts afresh).");
        }, "stop-local-run"));
    }

    private static String header(RunOptions o, KafkaBroker broker, List<ConnectWorker> workers,
                                 java.util.function.Supplier<Optional<String>> leader,
                                 java.util.function.Supplier<ConnectRest> rest) {
        List<String> lines = new ArrayList<>();
        lines.add((o.standalone() ? "increment: the lab's module 3 (connect-standalone)"
                : "increment: the lab's module 4 (a Connect cluster of " + workers.size() + " workers)")
                + "   Ctrl-C stops everything; the next run continues");
        lines.add("broker " + broker.bootstrapServers() + "   data " + o.settings().dataDir() + "   logs "
                + o.settings().logDir());
        Optional<String> leaderName = leader.get();
        for (ConnectWorker w : workers) {
            lines.add(String.format("worker %s%s   pid %s   RSS %s MiB", w.name(),
                    leaderName.filter(w.name()::equals).map(l -> " (leader)").orElse(""),
                    w.process().map(p -> Long.toString(p.pid())).orElse("-"),
                    w.process().map(p -> Long.toString(p.rssKib() / 1024)).orElse("-")));
        }
        try {
            ConnectRest r = rest.get();
            ConnectorStatus status = r.status(LabConnector.NAME);
            Map<Integer, Map<String, String>> taskConfigs = r.taskConfigs(LabConnector.NAME);
            lines.add("connector " + status.name() + " " + status.state() + " on " + status.workerId());
            status.tasks().forEach(t -> lines.add(String.format("  task %d %-10s on %-16s increments %s", t.id(),
                    t.state(), t.workerId(), Optional.ofNullable(taskConfigs.get(t.id()))
                            .map(c -> c.getOrDefault("task.increments", "?")).orElse("?"))));
        } catch (RuntimeException e) {
            lines.add("connector status: not available yet (" + e.getMessage() + ")");
        }
        String first = workers.isEmpty() ? "http://localhost:8083" : "http://localhost:" + workers.get(0).port();
        lines.add("");
        lines.add("Try the lab's commands in another terminal:");
        lines.add(workers.stream().map(w -> "  curl -s http://localhost:" + w.port() + "/connectors/"
                + LabConnector.NAME + "/status | jq .").collect(Collectors.joining("\n")));
        lines.add("  curl -s " + first + "/connectors/" + LabConnector.NAME + "/offsets | jq .");
        if (!o.standalone()) {
            lines.add("  grep -h leaderUrl= " + o.settings().logDir() + "/worker-*.log | tail -1");
        }
        lines.add("  make verify      # gaps, duplicates, pauses per sequence;  make run PRINT=1 prints the records");
        lines.add("");
        return String.join("\n", lines);
    }
}
