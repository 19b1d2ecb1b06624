package com.example.increment.local.process;

import java.time.Duration;

/**
 * A service that runs as one local {@link ManagedProcess} (the broker, a Connect worker, the schema registry) and
 * can be started again after a stop or a kill. It keeps the latest process and how long the last awaited start
 * took, so that each service only says how it launches and when it is ready. What a SIGTERM and a SIGKILL mean
 * differs per service; each subclass says so in its class comment.
 */
public abstract class LocalProcessService {

    private ManagedProcess process;
    private Duration lastStartup = Duration.ZERO;

    /** True while the latest process is alive; false before the first start and after a stop or a kill. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** How long the last awaited start took, from before writing its config to ready; zero before any. */
    public Duration lastStartup() {
        return lastStartup;
    }

    /** SIGTERM, then waits for the end (SIGKILL after {@link ManagedProcess#STOP_TIMEOUT}); no-op before a start. */
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** SIGKILL: a crash, no shutdown hook runs; no-op before a start. */
    public void kill() {
        if (process != null) {
            process.kill();
        }
    }

    /** The latest process, {@code null} before the first start; subclasses expose it as their callers need it. */
    protected final ManagedProcess current() {
        return process;
    }

    /** Starts the process and makes it the current one, so that readiness checks and {@link #stop()} see it. */
    protected final ManagedProcess launch(JvmSpec spec, KafkaRuntime runtime) {
        process = ManagedProcess.start(spec, runtime);
        return process;
    }

    /** Starts a program that is not a JVM (see {@link ManagedProcess#startProgram}) and makes it the current one. */
    protected final ManagedProcess launchProgram(String name, java.util.List<String> command, java.nio.file.Path logFile) {
        process = ManagedProcess.startProgram(name, command, logFile);
        return process;
    }

    /**
     * Runs a whole start (writing config, launching, waiting until ready) and records how long it took. A start
     * that throws leaves the previous {@link #lastStartup()} in place.
     */
    protected final void timeStart(Runnable startAndAwaitReady) {
        long startNanos = System.nanoTime();
        startAndAwaitReady.run();
        recordStartup(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Records a start that was timed elsewhere (for example, several processes awaited side by side). */
    protected final void recordStartup(Duration took) {
        lastStartup = took;
    }
}
