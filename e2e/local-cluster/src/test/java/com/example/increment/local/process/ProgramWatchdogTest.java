package com.example.increment.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.increment.support.Waits;

/** A program that is not a JVM (Prometheus) stops with its owner's SIGTERM, its kill, and its owner's death. */
class ProgramWatchdogTest {

    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aStopReachesTheProgramThroughItsWatchdog() {
        ManagedProcess p = ManagedProcess.startProgram("sleeper", List.of("sleep", "300"), dir.resolve("sleeper.log"));
        ProcessHandle program = child(p);

        p.stop();

        assertThat(p.isAlive()).isFalse();
        Waits.waitFor("the program to end with its watchdog", GONE_TIMEOUT, () -> !program.isAlive());
        assertThat(ProcessRegistry.live()).doesNotContain(p);
    }

    @Test
    void aKillTakesTheProgramWithIt() {
        ManagedProcess p = ManagedProcess.startProgram("sleeper", List.of("sleep", "300"), dir.resolve("sleeper.log"));
        ProcessHandle program = child(p);

        p.kill();

        Waits.waitFor("the program to die with its watchdog", GONE_TIMEOUT, () -> !program.isAlive());
    }

    @Test
    void theProgramEndsWhenItsOwnerIsGone() throws IOException {
        Process owner = new ProcessBuilder("sleep", "1").start();
        Process watchdog = new ProcessBuilder(ProgramWatchdog.wrap(owner.pid(), List.of("sleep", "300")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("watchdog.log").toFile()).start();
        ProcessHandle program = Waits.waitFor("the program under its watchdog", GONE_TIMEOUT,
                () -> watchdog.children().findFirst(), Optional::isPresent).orElseThrow();

        Waits.waitFor("the program to end after its owner", GONE_TIMEOUT, () -> !program.isAlive() && !watchdog.isAlive());

        assertThat(Files.readString(dir.resolve("watchdog.log"))).contains("owner process " + owner.pid() + " is gone");
    }

    private static ProcessHandle child(ManagedProcess p) {
        return Waits.waitFor("the program under " + p, GONE_TIMEOUT, () -> ProcessHandle.of(p.pid()).orElseThrow()
                .children().filter(c -> c.info().command().orElse("").endsWith("sleep")
                        && c.info().arguments().map(a -> a.length == 1 && a[0].equals("300")).orElse(false))
                .findFirst(), Optional::isPresent).orElseThrow();
    }
}
