package com.example.increment.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.example.increment.local.process.ProcessRegistry;
import com.example.increment.support.Waits;

/** The check that a test run leaves no Kafka process behind: nothing registered, no child of this JVM alive. */
public final class NoProcessLeftBehind {

    private NoProcessLeftBehind() {
    }

    public static void check(List<Long> pidsStarted) {
        assertThat(ProcessRegistry.live()).as("processes still registered as running").isEmpty();
        Waits.waitFor("every started process to be gone: " + pidsStarted, Duration.ofSeconds(10),
                () -> pidsStarted.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                        .orElse(false)).toList(), List::isEmpty);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList())
                .as("child processes of the test JVM still alive").isEmpty();
    }
}
