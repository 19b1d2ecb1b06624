package com.example.increment.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import com.example.increment.report.ScenarioReport;

/** Copies every process's log next to the e2e report when a scenario fails, so a CI artifact holds them. */
public final class CopyLogsOnFailure implements TestWatcher {

    private final Supplier<List<Path>> logFiles;

    public CopyLogsOnFailure(Supplier<List<Path>> logFiles) {
        this.logFiles = logFiles;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Path dir = ScenarioReport.failureLogDir(context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName());
        try {
            Files.createDirectories(dir);
            for (Path file : logFiles.get()) {
                if (Files.exists(file)) {
                    Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.err.println("Scenario " + context.getDisplayName() + " failed; process logs copied to "
                    + dir.toAbsolutePath());
        } catch (IOException e) {
            System.err.println("Could not copy the process logs to " + dir.toAbsolutePath() + ": " + e);
        }
    }
}
