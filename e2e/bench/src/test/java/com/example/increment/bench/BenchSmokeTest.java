package com.example.increment.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.example.increment.local.NoProcessLeftBehind;

/**
 * {@code make bench} on a tiny setting (the throughput section: one short window per load, a real cluster): it must
 * write a well-formed table with non-zero figures. No speed is asserted; that is what the bench reports.
 */
@Tag("local-cluster") // starts Kafka processes: `make unit` leaves it out
class BenchSmokeTest {

    private static final Pattern THROUGHPUT_ROW = Pattern.compile(
            "^\\| (IncrementSource|IncrementSource, unbounded|IncrementSource, load generator|VerifiableSource"
                    + "|ProducerPerformance, [^|]+) \\| [^|]+ \\| (\\d+) \\| no "
                    + "\\| ([0-9.]+) \\| ([0-9.]+) \\| ([0-9.]+) "
                    + "\\| broker \\d+, worker-1 \\d+, worker-2 \\d+[^|]* \\|$", Pattern.MULTILINE);
    /** The load generator with 1 task against the tuned producer, on the load generator's workers. */
    private static final Pattern CEILING_ROW = Pattern.compile("^\\| IncrementSource, load generator \\| "
            + Pattern.quote(WorkerShape.LOAD_GENERATOR.label()) + " \\| ([0-9.]+) \\| ([0-9.]+) \\|$",
            Pattern.MULTILINE);
    /** The unbounded comparison runs with 1 task only, so its cell is a dash with 2. */
    private static final Pattern RATIO_ROW = Pattern.compile(
            "^\\| (\\d) \\| ([0-9.]+) \\| ([0-9.]+) \\| ([0-9.]+|—) \\|$", Pattern.MULTILINE);
    private static final Pattern COLD_START_ROW = Pattern.compile(
            "^\\| at-least-once \\| ([0-9.]+) \\| broker (\\d+), worker-1 (\\d+), worker-2 (\\d+) \\|$",
            Pattern.MULTILINE);

    @AfterAll
    static void nothingLeftRunning() {
        NoProcessLeftBehind.check(List.of());
    }

    @Test
    void benchOnATinySettingWritesAWellFormedTableWithNonZeroFigures() throws Exception {
        Path out = Path.of("target", "bench-smoke");
        BenchMain bench = new BenchMain(BenchOptions.parse("--only", "throughput", "--jit-warmup", "1s", "--runs", "1",
                "--warmup", "1s", "--window", "2s", "--out", out.toString()));

        Path written = bench.write("bench", bench.bench().render());

        String table = Files.readString(written);
        assertThat(Files.readString(out.resolve("latest.md"))).isEqualTo(table);
        assertThat(table).contains("- CPU: ", "- Memory: ", "- JDK: ", "- OS: ",
                "## Throughput, unthrottled: records landed in Kafka", "## Against the limit", "## Ratios",
                "## Where the time goes", "## Start-up and memory",
                "- Time per section (cluster start and stop included): throughput ");
        Matcher rows = THROUGHPUT_ROW.matcher(table);
        int count = 0;
        while (rows.find()) {
            count++;
            for (int group = 3; group <= 5; group++) {
                assertThat(Double.parseDouble(rows.group(group))).as(rows.group() + ", column " + group).isPositive();
            }
        }
        assertThat(count).as("on the chart's workers 3 loads x 1 and 2 tasks, and IncrementSource unbounded and the "
                + "load generator with 1 task; on the load generator's: IncrementSource, the load generator with 1, 2 "
                + "and 4 tasks, and the tuned producer, in:\n" + table).isEqualTo(13);
        Matcher ceiling = CEILING_ROW.matcher(table);
        assertThat(ceiling.find()).as("the load generator's ratio to the tuned producer in:\n" + table).isTrue();
        assertThat(Double.parseDouble(ceiling.group(2))).as(ceiling.group()).isPositive();
        try (Stream<Path> profile = Files.list(out.resolve("profiles").resolve("incrementsource-load-generator-1"))) {
            assertThat(profile.map(f -> f.getFileName().toString()).toList()).as("the JFR recordings and their summary")
                    .contains("summary.txt").anyMatch(name -> name.endsWith(".jfr"));
        }
        Matcher ratios = RATIO_ROW.matcher(table);
        int ratioRows = 0;
        while (ratios.find()) {
            ratioRows++;
            assertThat(Double.parseDouble(ratios.group(2))).as(ratios.group()).isPositive();
            assertThat(Double.parseDouble(ratios.group(3))).as(ratios.group()).isPositive();
            if (ratios.group(1).equals("1")) {
                assertThat(Double.parseDouble(ratios.group(4))).as(ratios.group()).isPositive();
            } else {
                assertThat(ratios.group(4)).as(ratios.group()).isEqualTo("—");
            }
        }
        assertThat(ratioRows).as("ratio rows for 1 and 2 tasks in:\n" + table).isEqualTo(2);
        Matcher cold = COLD_START_ROW.matcher(table);
        assertThat(cold.find()).as("the cold start row in:\n" + table).isTrue();
        for (int group = 1; group <= 4; group++) {
            assertThat(Double.parseDouble(cold.group(group))).as(cold.group()).isPositive();
        }
    }
}
