package com.example.increment.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.increment.connect.ConnectCluster;
import com.example.increment.connect.ConnectRest;
import com.example.increment.connect.ConnectorStatus;
import com.example.increment.connect.GroupAssignment;
import com.example.increment.local.ConnectWorker.Mode;
import com.example.increment.local.process.JmxExporter;
import com.example.increment.local.process.KafkaRuntime;
import com.example.increment.local.process.ManagedProcess;
import com.example.increment.support.Ports;
import com.example.increment.support.Waits;

/**
 * A real Kafka broker and N distributed Connect workers, each its own JVM: a distributed Connect cluster on one
 * machine.
 * A kill is a real crash. Workers are named by their worker id ({@code 127.0.0.1:<port>}), kept across restarts.
 */
public final class LocalConnectCluster implements ConnectCluster {

    public static final Duration CONNECTOR_RUNNING_TIMEOUT = Duration.ofSeconds(120);

    private final LocalClusterSettings settings;
    private final KafkaRuntime runtime;
    private final KafkaBroker broker;
    private final Map<String, ConnectWorker> workers = new LinkedHashMap<>();
    private final Optional<JmxExporter> exporter;
    /** Each worker port's metrics port: a restarted worker keeps its scrape target, as a pod keeps its name. */
    private final Map<Integer, Integer> metricsPorts = new HashMap<>();
    private final List<String> stopsKilled = new ArrayList<>();

    public LocalConnectCluster(LocalClusterSettings settings) {
        this(settings, KafkaRuntime.locate());
    }

    public LocalConnectCluster(LocalClusterSettings settings, KafkaRuntime runtime) {
        this.settings = settings;
        this.runtime = runtime;
        this.exporter = settings.metricsEnabled() ? Optional.of(JmxExporter.locate()) : Optional.empty();
        for (int i = 0; i < settings.metricsPorts().size() && i < settings.workerPorts().size(); i++) {
            metricsPorts.put(settings.workerPorts().get(i), settings.metricsPorts().get(i));
        }
        this.broker = new KafkaBroker(settings.dataDir(), settings.logDir(), settings.brokerPort(),
                settings.controllerPort(), settings.heap(), runtime);
        settings.workerPorts().forEach(this::defineWorker);
    }

    /**
     * Starts the broker and every defined worker, and waits until all workers have joined the group. If any of it
     * fails, stops what did start before throwing, so a failed start leaves no process behind.
     */
    public LocalConnectCluster start() {
        try {
            startBroker();
            startWorkers(new ArrayList<>(workers.values()));
            return this;
        } catch (RuntimeException | Error e) {
            try {
                close();
            } catch (RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }

    public LocalClusterSettings settings() {
        return settings;
    }

    public KafkaBroker broker() {
        return broker;
    }

    public KafkaRuntime runtime() {
        return runtime;
    }

    public void startBroker() {
        broker.start();
    }

    /** Graceful broker stop (SIGTERM). Workers keep running and retry until it is back. */
    public void stopBroker() {
        broker.stop();
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public List<String> workers() {
        return List.copyOf(workers.keySet());
    }

    public ConnectWorker worker(String name) {
        ConnectWorker worker = workers.get(name);
        if (worker == null) {
            throw new IllegalArgumentException("No worker named '" + name + "'; workers are " + workers.keySet());
        }
        return worker;
    }

    /** Every defined worker, running or not, in order. */
    public List<ConnectWorker> definedWorkers() {
        return List.copyOf(workers.values());
    }

    public List<ConnectWorker> runningWorkers() {
        return workers.values().stream().filter(ConnectWorker::isRunning).toList();
    }

    /** Starts one more worker on a new port and waits until it has joined; returns its name. */
    public String addWorker() {
        int port = settings.ephemeralPorts() ? Ports.freePort()
                : workers.values().stream().mapToInt(ConnectWorker::port).max().orElse(8082) + 1;
        ConnectWorker worker = defineWorker(port);
        startWorkers(List.of(worker));
        return worker.name();
    }

    @Override
    public void stopWorker(String worker) {
        stopGracefully(worker(worker));
    }

    @Override
    public void killWorker(String worker) {
        worker(worker).kill();
    }

    @Override
    public void restartWorker(String worker) {
        ConnectWorker w = worker(worker);
        if (w.isRunning()) {
            stopGracefully(w);
        }
        startWorkers(List.of(defineWorker(w.port()))); // same port, so the same worker id
    }

    /** SIGTERM (or SIGKILL when forced), the pod's time away, then the same worker id again, joined. */
    @Override
    public Restart deleteWorkerPod(String worker, Shutdown shutdown) {
        ConnectWorker w = worker(worker);
        Instant requested = Instant.now();
        if (shutdown == Shutdown.FORCE) {
            w.kill();
        } else {
            stopGracefully(w);
        }
        Instant gone = Instant.now();
        awayLikeAPod();
        startWorkers(List.of(defineWorker(w.port()))); // same port, so the same worker id
        return new Restart(worker, requested, gone, Instant.now());
    }

    /** Each worker in turn, as Strimzi rolls a StrimziPodSet: graceful delete, back and joined before the next. */
    @Override
    public List<Restart> rollingRestart() {
        return workers().stream().map(w -> deleteWorkerPod(w, Shutdown.GRACEFUL)).toList();
    }

    /** A Kafka pod deleted: SIGTERM (a controlled shutdown) or SIGKILL, its time away, then back on its data. */
    @Override
    public Restart restartBroker(Shutdown shutdown) {
        Instant requested = Instant.now();
        if (shutdown == Shutdown.FORCE) {
            broker.kill();
        } else {
            broker.stop();
        }
        Instant gone = Instant.now();
        awayLikeAPod();
        broker.start();
        return new Restart("broker " + bootstrapServers(), requested, gone, Instant.now());
    }

    /** The pod's absence is the behaviour being reproduced here, not a wait for a signal. */
    private void awayLikeAPod() {
        try {
            Thread.sleep(settings.podRestart().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while a pod was away", e);
        }
    }

    @Override
    public void scaleWorkers(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Worker count must be 0 or more, was " + count);
        }
        while (workers.size() < count) {
            addWorker();
        }
        while (workers.size() > count) {
            String last = workers.keySet().stream().reduce((a, b) -> b).orElseThrow();
            stopGracefully(workers.remove(last));
        }
    }

    @Override
    public List<String> stopsKilledAfterGracePeriod() {
        return List.copyOf(stopsKilled);
    }

    /** SIGTERM and its wait; a worker still running at the end of the grace period is killed, and remembered. */
    private void stopGracefully(ConnectWorker worker) {
        worker.stop();
        if (worker.process().map(ManagedProcess::killedAtStopTimeout).orElse(false)) {
            stopsKilled.add(worker.name());
        }
    }

    /**
     * The leader, from the workers' logs ({@code leaderUrl='...'} of the latest generation any running worker
     * joined): {@code GET /} does not name it.
     */
    @Override
    public Optional<String> leader() {
        return runningWorkers().stream().map(ConnectWorker::lastAssignment).flatMap(Optional::stream)
                .max(Comparator.comparingInt(a -> a.generation().orElse(-1)))
                .flatMap(GroupAssignment::leader);
    }

    /** A REST client on a running worker (any: followers forward writes to the leader). */
    public ConnectRest rest() {
        return runningWorkers().stream().findFirst().map(w -> new ConnectRest(w.restUrl()))
                .orElseThrow(() -> new IllegalStateException("No Connect worker is running; workers: " + workers.keySet()));
    }

    public ConnectRest rest(String worker) {
        return new ConnectRest(worker(worker).restUrl());
    }

    @Override
    public void putConnector(String name, Map<String, String> config) {
        rest().putConnector(name, config);
    }

    @Override
    public void setTasksMax(String name, int tasksMax) {
        Map<String, String> config = new HashMap<>(rest().config(name));
        config.put("tasks.max", Integer.toString(tasksMax));
        rest().putConnector(name, config);
    }

    @Override
    public void restartFailedTasks(String name) {
        rest().restartFailed(name);
    }

    @Override
    public void deleteConnector(String name) {
        rest().deleteConnector(name);
    }

    @Override
    public ConnectorStatus status(String name) {
        return rest().status(name);
    }

    /** Waits until the connector and exactly {@code tasks} tasks are RUNNING; returns that status. */
    public ConnectorStatus awaitRunning(String name, int tasks) {
        return Waits.waitFor("connector " + name + " and " + tasks + " task(s) RUNNING", CONNECTOR_RUNNING_TIMEOUT,
                () -> status(name), s -> s.running() && s.tasks().size() == tasks);
    }

    /** Stops every worker gracefully (together, so none takes over another's tasks), then the broker. Data stays. */
    public void stopAll() {
        List<ConnectWorker> running = runningWorkers();
        running.forEach(w -> w.process().ifPresent(p -> p.signalStop()));
        running.forEach(this::stopGracefully);
        broker.stop();
    }

    /** Starts the broker and every worker again, on the same ports and data: the second {@code make run}. */
    public void startAll() {
        startBroker();
        List<String> names = workers();
        names.forEach(this::restartWorkerDefinition);
        startWorkers(names.stream().map(workers::get).toList());
    }

    /** Process id, RSS and startup time of every running process, for reports. */
    public String describeProcesses() {
        List<String> lines = new ArrayList<>();
        if (broker.isRunning()) {
            lines.add(String.format("broker %s pid %d, RSS %d MiB, ready in %.1f s", bootstrapServers(),
                broker.process().pid(), broker.process().rssKib() / 1024, broker.lastStartup().toMillis() / 1000.0));
        }
        for (ConnectWorker w : runningWorkers()) {
            lines.add(String.format("worker %s pid %d, RSS %d MiB, ready in %.1f s", w.name(),
                    w.process().orElseThrow().pid(), w.process().orElseThrow().rssKib() / 1024,
                    w.lastStartup().toMillis() / 1000.0));
        }
        return String.join("\n", lines);
    }

    /** Every process's log file, for showing or collecting on failure. */
    public List<Path> logFiles() {
        List<Path> files = new ArrayList<>();
        files.add(settings.logDir().resolve("broker.log"));
        workers.values().forEach(w -> files.add(w.logFile()));
        return files;
    }

    @Override
    public void close() {
        stopAll();
    }

    @Override
    public String toString() {
        return "local cluster: broker " + bootstrapServers() + ", workers " + workers.values().stream()
                .map(w -> w.name() + (w.isRunning() ? "" : " (stopped)")).collect(Collectors.joining(", "));
    }

    private ConnectWorker defineWorker(int port) {
        Map<String, String> config = WorkerConfigs.distributed(bootstrapServers(), settings.groupId(), port,
                runtime.pluginPath(), settings.workerOverrides());
        ConnectWorker worker = new ConnectWorker(Mode.DISTRIBUTED, port, settings.logDir(), settings.heap(), runtime,
                config, List.of(), exporter.map(e -> e.on(metricsPort(port))), settings.workerJvmOptions());
        workers.put(worker.name(), worker);
        return worker;
    }

    /** The worker's metrics port: its own from the settings, else a free one (tests) or the next after the highest. */
    private int metricsPort(int workerPort) {
        return metricsPorts.computeIfAbsent(workerPort, p -> settings.ephemeralPorts() ? Ports.freePort()
                : metricsPorts.values().stream().mapToInt(Integer::intValue).max().orElse(9403) + 1);
    }

    private void restartWorkerDefinition(String name) {
        if (!workers.get(name).isRunning()) {
            defineWorker(workers.get(name).port());
        }
    }

    /** Starts the processes together, then waits for each: two JVMs warm up faster side by side than in turn. */
    private void startWorkers(List<ConnectWorker> toStart) {
        long startNanos = System.nanoTime();
        toStart.forEach(w -> w.start(false));
        toStart.forEach(ConnectWorker::awaitReady);
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        toStart.forEach(w -> w.markStarted(took));
    }
}
