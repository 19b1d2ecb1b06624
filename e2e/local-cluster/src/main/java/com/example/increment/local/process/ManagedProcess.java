package com.example.increment.local.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A started JVM (or, through {@link #startProgram}, another program), known by its PID: stopped with SIGTERM (Kafka's
 * shutdown hooks run: a worker commits offsets), or killed with SIGKILL (a real crash). Children run in their own
 * session, so a Ctrl-C in the terminal reaches only the owner, which then stops them in order (workers before the
 * broker).
 */
public final class ManagedProcess {

    /**
     * How long a SIGTERM may take before the process is killed: a pod's default termination grace period, which
     * Strimzi keeps for Kafka and Connect pods, so a stop that hangs here ends as it would there.
     */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final boolean HAS_SETSID = Files.isExecutable(Path.of("/usr/bin/setsid"));

    private final String name;
    private final JvmSpec.StopPhase stopPhase;
    private final Path logFile;
    private final Process process;
    private final long logOffsetAtStart;
    private final boolean jvm;
    private volatile boolean killedAtStopTimeout;

    private ManagedProcess(String name, JvmSpec.StopPhase stopPhase, Path logFile, Process process,
                           long logOffsetAtStart, boolean jvm) {
        this.name = name;
        this.jvm = jvm;
        this.stopPhase = stopPhase;
        this.logFile = logFile;
        this.process = process;
        this.logOffsetAtStart = logOffsetAtStart;
    }

    public static ManagedProcess start(JvmSpec spec, KafkaRuntime runtime) {
        return launch(spec.name(), spec.stopPhase(), spec.logFile(), spec.command(runtime), true);
    }

    /**
     * A program that is not a JVM (Prometheus), stopped with the workers. No {@link OwnerWatchdog} runs inside it, so
     * {@link ProgramWatchdog} wraps it: it ends the program when the owner is gone, even after a SIGKILL.
     */
    public static ManagedProcess startProgram(String name, List<String> command, Path logFile) {
        return launch(name, JvmSpec.StopPhase.WORKER, logFile, ProgramWatchdog.wrap(command), false);
    }

    private static ManagedProcess launch(String name, JvmSpec.StopPhase stopPhase, Path logFile, List<String> program,
                                         boolean jvm) {
        List<String> command = new ArrayList<>();
        if (HAS_SETSID) {
            command.add("/usr/bin/setsid"); // not a group leader, so setsid execs in place: the PID stays the JVM's
        }
        command.addAll(program);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            long offset = Files.exists(logFile) ? Files.size(logFile) : 0;
            Files.writeString(logFile, "\n==== starting " + name + ": " + String.join(" ", command)
                    + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            ManagedProcess managed = new ManagedProcess(name, stopPhase, logFile, process, offset, jvm);
            ProcessRegistry.register(managed);
            return managed;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
    }

    public String name() {
        return name;
    }

    public JvmSpec.StopPhase stopPhase() {
        return stopPhase;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** The log written since this process started (a restarted process appends to the same file). */
    public String logSinceStart() {
        try {
            byte[] all = Files.readAllBytes(logFile);
            int from = (int) Math.min(logOffsetAtStart, all.length);
            return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Where this process's part of its log file begins. */
    public long logOffsetAtStart() {
        return logOffsetAtStart;
    }

    /** The complete lines of the log from byte {@code offset} on, and the offset after them. */
    public LogChunk logFrom(long offset) {
        try (var channel = java.nio.channels.FileChannel.open(logFile)) {
            long size = channel.size();
            if (size <= offset) {
                return new LogChunk("", offset);
            }
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(size - offset, 64L << 20));
            channel.read(buffer, offset);
            byte[] bytes = buffer.array();
            int end = buffer.position();
            while (end > 0 && bytes[end - 1] != '\n') {
                end--; // a line still being written is read next time
            }
            return new LogChunk(new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8), offset + end);
        } catch (IOException e) {
            return new LogChunk("", offset);
        }
    }

    /** Log text and the file offset right after it. */
    public record LogChunk(String text, long nextOffset) {
    }

    /** Waits for a process that is meant to end by itself (a tool); returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IllegalStateException(name() + " did not finish within " + timeout.toSeconds()
                        + " s; see " + logFile());
            }
            ProcessRegistry.unregister(this);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for " + name(), e);
        }
    }

    /** Sends SIGTERM without waiting. */
    public void signalStop() {
        process.destroy();
    }

    /** SIGTERM, then waits; SIGKILL when it does not end within {@link #STOP_TIMEOUT}. */
    public void stop() {
        signalStop();
        awaitEnd();
    }

    /**
     * Waits for the end after a SIGTERM, killing the process if it takes longer than {@link #STOP_TIMEOUT}; a JVM first
     * writes its threads to its log, so that what it was waiting for can be read afterwards.
     */
    public void awaitEnd() {
        if (!waitUninterruptibly(STOP_TIMEOUT)) {
            killedAtStopTimeout = true;
            System.err.println(name() + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s of SIGTERM; killing"
                    + " it (its log: " + logFile + ")");
            if (jvm) {
                appendToLog("\n==== " + name() + " still running " + STOP_TIMEOUT.toSeconds() + " s after SIGTERM;"
                        + " its threads, then SIGKILL\n" + threadDump());
            }
            kill();
        }
        unregisterIfGone();
    }

    /** Whether the last stop ended in a SIGKILL because the process had not ended {@link #STOP_TIMEOUT} after SIGTERM. */
    public boolean killedAtStopTimeout() {
        return killedAtStopTimeout;
    }

    private String threadDump() {
        try {
            return Jcmd.run(pid(), "Thread.print");
        } catch (IllegalStateException e) {
            return "(no thread dump: " + e.getMessage() + ")\n"; // a JVM that no longer answers
        }
    }

    private void appendToLog(String text) {
        try {
            Files.writeString(logFile, text, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("Cannot write to " + logFile + ": " + e.getMessage());
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is committed. Returns once the process is gone (or after 30 s). */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly); // a wrapped program dies with its watchdog
        process.destroyForcibly();
        if (!waitUninterruptibly(Duration.ofSeconds(30))) {
            System.err.println(name() + " (pid " + pid() + ") still runs 30 s after SIGKILL; left registered");
        }
        unregisterIfGone();
    }

    /**
     * Waits up to {@code timeout} for the process to end, also when the calling thread is interrupted (the flag is
     * kept and restored), so that a stop during an interrupt does not give up on a live process.
     */
    private boolean waitUninterruptibly(Duration timeout) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    return process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A process still alive stays registered, so the shutdown hook tries again. */
    private void unregisterIfGone() {
        if (!process.isAlive()) {
            ProcessRegistry.unregister(this);
        }
    }

    /** Resident set size in KiB from /proc (Linux), or -1. */
    public long rssKib() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return name() + " (pid " + pid() + (isAlive() ? "" : ", ended") + ")";
    }
}
