package com.example.increment.scenarios.report;

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
 * with the outages across all scenarios of this run. The folder is emptied when a JVM (a test run) first writes a page
 * there, so it always shows one run.
 */
public final class ScenarioReport {

    /** {@code e2e/scenarios/target/e2e-report} when run by Maven (tests run in the module folder). */
    public static final Path DEFAULT_DIR = Path.of("target", "e2e-report");

    /** Per report folder, the scenarios this JVM wrote there. */
    private static final Map<Path, List<ScenarioResult>> RUNS = new HashMap<>();

    private ScenarioReport() {
    }

    /** Writes the scenario's page and picture, rewrites the run's README.md, and returns the summary table. */
    public static synchronized String write(ScenarioResult result) {
        return write(result, DEFAULT_DIR);
    }

    public static synchronized String write(ScenarioResult result, Path dir) {
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

    /** This JVM's scenarios in {@code dir}; the first call empties the folder of an earlier run. */
    private static List<ScenarioResult> run(Path dir) throws IOException {
        List<ScenarioResult> run = RUNS.get(dir.toAbsolutePath());
        if (run == null) {
            clear(dir);
            run = new ArrayList<>();
            RUNS.put(dir.toAbsolutePath(), run);
        }
        return run;
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
