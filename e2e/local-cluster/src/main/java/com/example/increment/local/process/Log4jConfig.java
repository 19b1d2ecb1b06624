package com.example.increment.local.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A log4j2 configuration for a Kafka process: everything to stdout, which the owner redirects to its log file. */
public final class Log4jConfig {

    private static final String CONTENT = """
            status = warn
            appender.stdout.type = Console
            appender.stdout.name = STDOUT
            appender.stdout.layout.type = PatternLayout
            appender.stdout.layout.pattern = [%d] %p %X{connector.context}%m (%c:%L)%n
            rootLogger.level = INFO
            rootLogger.appenderRef.stdout.ref = STDOUT
            # Connect's plugin scanning and Kafka's config dumps are noise at INFO.
            logger.reflections.name = org.reflections
            logger.reflections.level = ERROR
            logger.config.name = org.apache.kafka.common.config.AbstractConfig
            logger.config.level = WARN
            logger.statechange.name = state.change.logger
            logger.statechange.level = WARN
            """;

    private Log4jConfig() {
    }

    /**
     * Writes the configuration into {@code dir} and returns its path. Every process of a cluster shares the file,
     * and a JVM started a moment earlier may be reading it while the next one is launched: a plain rewrite truncates
     * it first, and a JVM that reads it empty falls back to log4j's default (ERROR only), so it never logs the line
     * its owner waits for. The new content is therefore written beside it and moved over it in one step.
     */
    public static Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("log4j2.properties");
            Path next = Files.createTempFile(dir, "log4j2.properties.", ".tmp");
            try {
                Files.writeString(next, CONTENT);
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(next);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the log4j2 configuration into " + dir, e);
        }
    }
}
