package com.example.increment.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The per-run e2e report: for every scenario a Markdown page with its table and a PNG timeline, and a README.md
 * with the outages across all scenarios of this run, and the logs of what failed in it. The folder is emptied when a
 * JVM (a test run) first writes there, a page or a failure's logs, so it always shows one run.
 */
public final class ScenarioReport {

    /** {@code e2e/target/e2e-report} when run by Maven (tests run in the module folder). */
    public static final Path DEFAULT_DIR = Path.of("target", "e2e-report");

    /** Per report folder, the scenarios this JVM wrote there. */
    private static final Map<Path, List<ScenarioResult>> RUNS = new HashMap<>();

    private ScenarioReport() {
    }

    /** Writes the scenario's page and picture, rewrites the run's README.md, and returns the summary table. */
    public static synchronized String write(ScenarioResult result) {
        return write(result, DEFAULT_DIR);
    }

    static synchronized String write(ScenarioResult result, Path dir) {
        try {
            List<ScenarioResult> run = run(dir);
            Files.createDirectories(dir);
            TimelineChart.write(result, dir.resolve(result.id() + ".png"));
            Files.writeString(dir.resolve(result.id() + ".md"), ScenarioMarkdown.page(result));
            run.removeIf(r -> r.id().equals(result.id()));
            run.add(result);
            run.sort(Comparator.comparing(ScenarioResult::id));
            String summary = ScenarioMarkdown.summary(run);
            Files.writeString(dir.resolve("README.md"), summary);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the e2e report into " + dir.toAbsolutePath(), e);
        }
    }

    /**
     * This JVM's scenarios in {@code dir}; the first call empties the folder of an earlier run. Failure logs count
     * as part of the run, so logs copied before the first scenario page are not emptied away by it.
     */
    private static List<ScenarioResult> run(Path dir) throws IOException {
        List<ScenarioResult> run = RUNS.get(dir.toAbsolutePath());
        if (run == null) {
            clear(dir);
            run = new ArrayList<>();
            RUNS.put(dir.toAbsolutePath(), run);
        }
        return run;
    }

    /** A folder for a failed scenario's process logs, next to its report. */
    public static Path failureLogDir(String testName) {
        return failureLogDir(testName, DEFAULT_DIR);
    }

    static synchronized Path failureLogDir(String testName, Path dir) {
        try {
            run(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty the e2e report folder " + dir.toAbsolutePath(), e);
        }
        return dir.resolve("failed-" + testName.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
