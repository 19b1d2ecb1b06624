package com.example.increment.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Log4jConfigTest {

    @TempDir
    Path dir;

    /**
     * Workers started side by side share one configuration file, and each launch writes it again. A JVM reading it
     * meanwhile must never see it empty or half written: with log4j's fallback it would log nothing (a CI run timed
     * out waiting for a worker that was up but silent).
     */
    @Test
    void aProcessReadingTheConfigurationWhileTheNextLaunchRewritesItAlwaysReadsItWhole() throws Exception {
        String whole = Files.readString(Log4jConfig.writeTo(dir));
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> torn = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    String seen = Files.readString(dir.resolve("log4j2.properties"));
                    if (!seen.equals(whole)) {
                        torn.add(seen);
                    }
                } catch (java.io.IOException e) {
                    torn.add("unreadable: " + e);
                }
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 3_000; i++) {
                Log4jConfig.writeTo(dir);
            }
        } finally {
            writing.set(false);
            reader.join();
        }

        assertThat(torn).as("reads that saw the file other than whole").isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("log4j2.properties");
        }
        assertThat(whole).contains("rootLogger.level = INFO");
    }
}
