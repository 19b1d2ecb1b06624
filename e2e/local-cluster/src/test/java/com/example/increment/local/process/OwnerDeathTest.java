package com.example.increment.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.example.increment.support.Waits;

/**
 * Processes never outlive their owner, even one killed with SIGKILL (no shutdown hook runs): the broker's
 * {@link OwnerWatchdog} sees its owner gone and stops the broker.
 */
@Tag("local-cluster") // starts Kafka processes: `make unit` leaves it out
class OwnerDeathTest {

    private Process owner;

    @AfterEach
    void killOwner() {
        if (owner != null) {
            owner.destroyForcibly();
        }
    }

    @Test
    void aBrokerStopsWhenItsOwnerIsKilled() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path")));
        for (String property : List.of(KafkaRuntime.CLASSPATH_FILE_PROPERTY, KafkaRuntime.WATCHDOG_JAR_PROPERTY,
                KafkaRuntime.PLUGIN_PATH_PROPERTY)) {
            command.add("-D" + property + "=" + System.getProperty(property, ""));
        }
        command.add(BrokerOwnerMain.class.getName());
        owner = new ProcessBuilder(command).redirectErrorStream(true).start();

        BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
        String line;
        List<String> seen = new ArrayList<>();
        while ((line = out.readLine()) != null && !line.startsWith("BROKER_PID ")) {
            seen.add(line);
        }
        assertThat(line).as("owner output: %s", seen).isNotNull();
        long brokerPid = Long.parseLong(line.split(" ")[1]);
        Path brokerLog = Path.of(line.split(" ")[3]);
        assertThat(ProcessHandle.of(brokerPid)).get().matches(ProcessHandle::isAlive);

        owner.destroyForcibly().waitFor(); // SIGKILL: the owner's shutdown hooks do not run

        // Beyond the watchdog's own halt (after the shutdown hooks had HALT_AFTER_MS), so that even a hung
        // shutdown ends within the wait.
        Waits.waitFor("broker pid " + brokerPid + " to end after its owner was killed",
                Duration.ofMillis(OwnerWatchdog.HALT_AFTER_MS).plusSeconds(30),
                () -> ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
        assertThat(Files.readString(brokerLog)).contains("owner process " + owner.pid() + " is gone");
    }
}
