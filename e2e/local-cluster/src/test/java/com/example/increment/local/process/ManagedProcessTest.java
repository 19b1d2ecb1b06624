package com.example.increment.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.increment.support.Waits;

/**
 * Stopping child processes: an interrupted caller still waits for the end, a process that does not end is killed at the
 * end of the grace period, and the phases stop in order.
 */
class ManagedProcessTest {

    private static final Pattern HOOK = Pattern.compile("HOOK start=(\\d+) end=(\\d+)");

    @TempDir
    Path dir;
    private final List<ManagedProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        Thread.interrupted();
        started.forEach(ManagedProcess::kill);
    }

    @Test
    void aStopByAnInterruptedThreadWaitsUntilTheProcessIsGoneAndKeepsTheInterrupt() {
        ManagedProcess p = start("worker-sleeper", JvmSpec.StopPhase.WORKER);

        Thread.currentThread().interrupt();
        p.stop();
        boolean stillInterrupted = Thread.interrupted();

        assertThat(p.isAlive()).as("stop() returned while %s still ran", p).isFalse();
        assertThat(ProcessRegistry.live()).doesNotContain(p);
        assertThat(stillInterrupted).as("the caller's interrupt flag is restored").isTrue();
    }

    @Test
    void aStopThatHangsEndsInAKillAtTheGracePeriodWithTheThreadsInTheLog() throws Exception {
        ManagedProcess p = start("hanging-sleeper", JvmSpec.StopPhase.WORKER, "hang");
        long begin = System.nanoTime();

        p.stop();

        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        assertThat(p.isAlive()).isFalse();
        assertThat(p.killedAtStopTimeout()).as("killed at the end of the grace period").isTrue();
        assertThat(took).isGreaterThanOrEqualTo(ManagedProcess.STOP_TIMEOUT);
        assertThat(Files.readString(p.logFile())).as("the thread dump written before the kill")
                .contains("still running " + ManagedProcess.STOP_TIMEOUT.toSeconds() + " s after SIGTERM")
                .contains("\"" + SleeperMain.HOOK_THREAD + "\"");
    }

    @Test
    void aStopThatEndsByItselfIsNoKill() {
        ManagedProcess p = start("worker-sleeper", JvmSpec.StopPhase.WORKER);

        p.stop();

        assertThat(p.killedAtStopTimeout()).isFalse();
    }

    @Test
    void stopAllStopsWorkersThenTheRegistryThenTheBroker() throws Exception {
        // Started in the reverse order, so that stopping in start order or by name could not pass.
        ManagedProcess broker = start("broker-sleeper", JvmSpec.StopPhase.BROKER);
        ManagedProcess registry = start("registry-sleeper", JvmSpec.StopPhase.REGISTRY);
        ManagedProcess worker = start("worker-sleeper", JvmSpec.StopPhase.WORKER);

        ProcessRegistry.stopAll();

        long[] w = hook(worker);
        long[] r = hook(registry);
        long[] b = hook(broker);
        assertThat(r[0]).as("registry's stop began after the worker's ended").isGreaterThanOrEqualTo(w[1]);
        assertThat(b[0]).as("broker's stop began after the registry's ended").isGreaterThanOrEqualTo(r[1]);
        assertThat(ProcessRegistry.live()).doesNotContain(worker, registry, broker);
    }

    private ManagedProcess start(String name, JvmSpec.StopPhase phase, String... args) {
        KafkaRuntime kafka = KafkaRuntime.locate();
        // The test classpath holds SleeperMain; the watchdog jar is the real one.
        KafkaRuntime runtime = new KafkaRuntime(System.getProperty("java.class.path"), kafka.watchdogJar(),
                kafka.pluginPath());
        ManagedProcess p = ManagedProcess.start(new JvmSpec(name, phase, SleeperMain.class.getName(), List.of(args), "64m",
                Log4jConfig.writeTo(dir), dir.resolve(name + ".log"), List.of()), runtime);
        started.add(p);
        Waits.waitFor(name + " to run (log " + p.logFile() + ")", Duration.ofSeconds(60),
                () -> p.logSinceStart().contains("SLEEPING"));
        return p;
    }

    private static long[] hook(ManagedProcess p) throws Exception {
        Matcher m = HOOK.matcher(Files.readString(p.logFile()));
        assertThat(m.find()).as("%s printed its shutdown hook times: %s", p, Files.readString(p.logFile())).isTrue();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }
}
