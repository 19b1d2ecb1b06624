package com.example.increment.scenarios.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.increment.verify.SequenceRecord;
import com.example.increment.verify.SequenceReport;
import com.example.increment.verify.SequenceVerifier;
import com.example.increment.verify.VerificationReport;

/** The report from hand-made records with a known 12 s outage and two replayed values: no cluster needed. */
class ScenarioReportTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant KILL = T0.plusSeconds(10);

    @TempDir
    Path dir;

    @Test
    void outageIsTheLongestPauseOverlappingTheWindowAndNothingForASteadySequence() {
        VerificationReport data = data();
        SequenceReport moved = data.sequence("t-1");
        SequenceReport steady = data.sequence("t-2");

        assertThat(OutageAnalysis.outageIn(moved, KILL, Instant.MAX)).isEqualTo(Duration.ofMillis(12_100));
        // Before the kill, and in the steady sequence, only the normal 50 ms between records.
        assertThat(OutageAnalysis.outageIn(moved, T0, KILL.minusSeconds(1))).isEqualTo(Duration.ofMillis(50));
        assertThat(OutageAnalysis.outageIn(steady, KILL, Instant.MAX)).isEqualTo(Duration.ofMillis(50));
        assertThat(OutageAnalysis.longestPauseIn(moved, KILL, Instant.MAX)).get().matches(OutageAnalysis::isOutage);
        assertThat(OutageAnalysis.longestPauseIn(steady, KILL, Instant.MAX)).get()
                .matches(p -> !OutageAnalysis.isOutage(p));
        assertThat(moved.duplicateCount()).isEqualTo(2);
        assertThat(moved.gaps()).isEmpty();
    }

    @Test
    void writesAPageWithTheTableAPictureWithTheKillLineAndASummaryOfTheRun() throws Exception {
        VerificationReport data = data();
        TimelineEvent kill = new TimelineEvent(KILL, TimelineEvent.Kind.KILL, "kill -9 w1");
        List<SequenceOutcome> rows = data.sequences().values().stream().map(s -> new SequenceOutcome(s.topic(),
                s.count(), s.missingCount(), s.duplicateCount(), OutageAnalysis.outageIn(s, KILL, Instant.MAX),
                "test")).toList();
        ScenarioResult result = new ScenarioResult("s0-test", "made up", "rebalance delay 0 s", T0, T0.plusSeconds(30),
                List.of(kill), rows, data, "no gaps", List.of("t-1 was back after 12.1 s"));

        String summary = ScenarioReport.write(result, dir);

        assertThat(summary).contains("| [s0-test](s0-test.md) made up | rebalance delay 0 s | t-1 12.1, t-2 0.1 | 12.1 | 0 | 2 |");
        assertThat(Files.readString(dir.resolve("README.md"))).isEqualTo(summary);
        assertThat(Files.readString(dir.resolve("s0-test.md")))
                .contains("- t-1 was back after 12.1 s", "- t=10.0 s: kill -9 w1", "| t-1 | 438 | 0 | 2 | 12.1 | test |", "![timeline of s0-test](s0-test.png)");
        BufferedImage png = ImageIO.read(dir.resolve("s0-test.png").toFile());
        assertThat(png.getWidth()).isEqualTo(1400);
        // The kill's dashed line crosses the lanes at t=10 s of 30: look for its red in that column.
        int x = 170 + (int) Math.round(10 * (1400 - 170 - 30) / 30.0);
        boolean red = false;
        for (int y = 110; y < png.getHeight() - 60 && !red; y++) {
            red = png.getRGB(x, y) == TimelineEvent.Kind.KILL.color().getRGB();
        }
        assertThat(red).as("a KILL-coloured pixel in column %d", x).isTrue();
    }

    @Test
    void aSecondRunIntoTheSameFolderReplacesTheScenarioRowInsteadOfAddingOne() {
        VerificationReport data = data();
        ScenarioResult result = new ScenarioResult("s0-again", "again", "rebalance delay 0 s", T0, T0.plusSeconds(30), List.of(),
                List.of(), data, "no gaps", List.of());
        ScenarioReport.write(result, dir);
        String summary = ScenarioReport.write(result, dir);
        assertThat(summary.lines().filter(l -> l.startsWith("| [s0-again]"))).hasSize(1);
    }

    @Test
    void aRunEmptiesWhatAnEarlierRunLeft() throws Exception {
        Path earlier = Files.createDirectories(dir.resolve("s9-earlier")).resolve("s9-earlier.md");
        Files.writeString(earlier, "from an earlier run");

        ScenarioReport.write(new ScenarioResult("s0-after", "after a failure", "rebalance delay 0 s", T0, T0.plusSeconds(30),
                List.of(), List.of(), data(), "no gaps", List.of()), dir);

        assertThat(earlier).doesNotExist();
        assertThat(dir.resolve("s0-after.md")).exists();
    }

    /** t-1: 20 records/s for 10 s, silent 12.1 s, replays its last two values, runs 8 s more. t-2: steady. */
    private static VerificationReport data() {
        List<SequenceRecord> moved = new ArrayList<>();
        List<SequenceRecord> steady = new ArrayList<>();
        long position = 0;
        for (int i = 0; i < 200; i++) {
            moved.add(record("t-1", ++position, T0.plusMillis(i * 50L)));
        }
        Instant back = T0.plusMillis(199 * 50L).plusMillis(12_100);
        position -= 2;
        for (int i = 0; i < 238; i++) {
            moved.add(record("t-1", ++position, back.plusMillis(i * 50L)));
        }
        for (int i = 0; i < 600; i++) {
            steady.add(record("t-2", 2L * (i + 1), T0.plusMillis(i * 50L)));
        }
        return SequenceVerifier.judge("t-", Map.of("t-1", moved, "t-2", steady));
    }

    private static SequenceRecord record(String topic, long value, Instant at) {
        return new SequenceRecord(topic, 0, 0, topic.substring(2), value, 1, "host", at);
    }
}
