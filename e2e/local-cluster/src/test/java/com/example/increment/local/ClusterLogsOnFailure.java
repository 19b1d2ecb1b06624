package com.example.increment.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a test fails, or the class's {@code @BeforeAll} does (a cluster that does not start: no test runs, so no test
 * fails): shows where every process's log is and its last lines, and copies the logs to
 * {@code target/failed-logs/<TestClass>-<test>/} of the module (a CI artifact can keep them).
 * Register with {@code @RegisterExtension static ClusterLogsOnFailure logs = new ClusterLogsOnFailure(() -> files)}.
 */
public final class ClusterLogsOnFailure implements TestWatcher, LifecycleMethodExecutionExceptionHandler {

    private static final int TAIL_LINES = 40;
    private static final Path FAILED_LOGS = Path.of("target", "failed-logs");
    private final Supplier<List<Path>> logFiles;

    public ClusterLogsOnFailure(Supplier<List<Path>> logFiles) {
        this.logFiles = logFiles;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        show(context, context.getTestMethod().map(m -> m.getName()).orElse("all"));
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        show(context, "beforeAll");
        throw throwable;
    }

    private void show(ExtensionContext context, String what) {
        List<Path> files = logFiles.get();
        StringBuilder sb = new StringBuilder("\n==== " + context.getDisplayName() + " failed (" + what
                + "); process logs:\n");
        for (Path file : files) {
            sb.append("---- ").append(file.toAbsolutePath()).append(" (last ").append(TAIL_LINES).append(" lines)\n");
            try {
                List<String> lines = Files.readAllLines(file);
                lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
                        .forEach(l -> sb.append(l).append('\n'));
            } catch (IOException e) {
                sb.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        sb.append(copy(files, FAILED_LOGS.resolve((context.getRequiredTestClass().getSimpleName() + "-" + what)
                .replaceAll("[^A-Za-z0-9._-]", "_"))));
        System.err.println(sb);
    }

    private static String copy(List<Path> files, Path dir) {
        try {
            Files.createDirectories(dir);
            for (Path file : files) {
                if (Files.exists(file)) {
                    Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return "==== logs copied to " + dir.toAbsolutePath() + "\n";
        } catch (IOException e) {
            return "==== could not copy the logs to " + dir.toAbsolutePath() + ": " + e + "\n";
        }
    }
}
