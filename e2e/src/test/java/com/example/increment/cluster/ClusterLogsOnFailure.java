package com.example.increment.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Shows where every process's log is, and its last lines, when a test fails (they stay under {@code target/}).
 * Register with {@code @RegisterExtension static ClusterLogsOnFailure logs = new ClusterLogsOnFailure(() -> files)}.
 */
public final class ClusterLogsOnFailure implements TestWatcher {

    private static final int TAIL_LINES = 40;
    private final Supplier<List<Path>> logFiles;

    public ClusterLogsOnFailure(Supplier<List<Path>> logFiles) {
        this.logFiles = logFiles;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        StringBuilder sb = new StringBuilder("\n==== " + context.getDisplayName() + " failed; process logs:\n");
        for (Path file : logFiles.get()) {
            sb.append("---- ").append(file.toAbsolutePath()).append(" (last ").append(TAIL_LINES).append(" lines)\n");
            try {
                List<String> lines = Files.readAllLines(file);
                lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
                        .forEach(l -> sb.append(l).append('\n'));
            } catch (IOException e) {
                sb.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        System.err.println(sb);
    }
}
