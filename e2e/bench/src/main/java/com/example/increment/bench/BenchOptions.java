package com.example.increment.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import com.example.increment.support.CommandLines;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code make bench} / {@code make bench-soak} measure and for how long; each option is also a Makefile
 * variable. The defaults keep {@code make bench} to a few minutes: many short windows (a median of 5 is sturdier
 * than one of 3 long ones) after a short warm-up, and a rebalance delay short enough that its cases end soon.
 *
 * @param jitWarmup      unmeasured full load on a fresh cluster's workers before its first throughput figure: a new
 *                       worker JVM needs ~15 s of it on 2 cores before its compiled code runs at full speed (0 = none)
 * @param runs           measurement windows per throughput figure (median, min, max over them)
 * @param rebalanceDelay {@code scheduled.rebalance.max.delay.ms} of the failover cases; 0 is measured too
 * @param sessionTimeout {@code session.timeout.ms} of the failover cases (heartbeat a third of it, at most 3 s)
 * @param failoverRuns   kills per failover case (each ~20-40 s with a rebalance delay of 10 s)
 * @param soak           bench-soak only: how long the load runs while a worker's heap is sampled
 * @param soakInterval   bench-soak only: time between heap samples
 */
public record BenchOptions(Set<Section> sections, Duration jitWarmup, int runs, Duration warmup, Duration window,
                           Duration rebalanceDelay, Duration sessionTimeout, int failoverRuns, Path outDir,
                           Duration soak, Duration soakInterval) {

    /** The parts of {@code make bench}; start-up figures come with every cluster it starts. */
    public enum Section { THROUGHPUT, EOS, FAILOVER, OPERATIONS, SOAK }

    @Command(name = "BenchMain", showDefaultValues = true, sortOptions = false, sortSynopsis = false,
            description = "make bench: throughput, exactly-once cost, failover, start-up, and with --only "
                    + "operations what each"
                    + " pod lifecycle operation costs; make bench-soak: the heap.",
            footer = {"Durations: 500ms, 5s, 2m, 1h (a bare number is seconds).",
                    "make variables: BENCH_ONLY, BENCH_JIT_WARMUP, BENCH_RUNS, BENCH_WARMUP, BENCH_WINDOW, "
                            + "BENCH_REBALANCE_DELAY, BENCH_SESSION_TIMEOUT, "
                            + "BENCH_FAILOVER_RUNS, BENCH_OUT, SOAK, SOAK_INTERVAL"})
    static final class Args {
        @Option(names = "--only", split = ",", defaultValue = "throughput,eos,failover", paramLabel = "<section>",
                converter = BenchSection.class, description = "the sections of make bench to run; operations (the "
                        + "pod lifecycle matrix, ~30 min) only when named")
        Set<Section> only;
        @Option(names = "--jit-warmup", defaultValue = "15s", paramLabel = "<duration>",
                converter = CommandLines.Time.class,
                description = "unmeasured full load before a cluster's first throughput figure")
        Duration jitWarmup;
        @Option(names = "--runs", defaultValue = "5", paramLabel = "<n>", converter = CommandLines.Positive.class,
                description = "measurement windows per throughput figure")
        int runs;
        @Option(names = "--warmup", defaultValue = "3s", paramLabel = "<duration>", converter = CommandLines.Time.class,
                description = "unmeasured load before each throughput figure")
        Duration warmup;
        @Option(names = "--window", defaultValue = "2s", paramLabel = "<duration>", converter = LongerThanZero.class,
                description = "one measurement window")
        Duration window;
        // Short, so that the failover cases (each the session timeout plus this delay) end soon.
        @Option(names = "--rebalance-delay", defaultValue = "10s", paramLabel = "<duration>",
                converter = CommandLines.Time.class,
                description = "scheduled.rebalance.max.delay.ms of the failover cases (0 s is measured too)")
        Duration rebalanceDelay;
        // Connect's default; what a crashed worker costs on top of the delay.
        @Option(names = "--session-timeout", defaultValue = "10s", paramLabel = "<duration>",
                converter = LongerThanZero.class, description = "session.timeout.ms of the failover cases")
        Duration sessionTimeout;
        // Each figure a median of several kills; the cases run side by side, so 1 costs ~1.5 min, 3 about twice that.
        @Option(names = "--failover-runs", defaultValue = "3", paramLabel = "<n>",
                converter = CommandLines.Positive.class, description = "kills per failover case")
        int failoverRuns;
        @Option(names = "--out", defaultValue = "target/bench", paramLabel = "<dir>",
                description = "where the tables are written")
        Path out;
        @Option(names = "--soak", paramLabel = "<duration>", converter = LongerThanZero.class,
                description = "runs only the heap soak, this long (make bench-soak; default 10m)")
        Duration soak;
        @Option(names = "--soak-interval", defaultValue = "30s", paramLabel = "<duration>",
                converter = LongerThanZero.class, description = "time between heap samples of the soak")
        Duration soakInterval;
    }

    /** The soak's length without {@code --soak} ({@code make bench-soak} always passes SOAK). */
    static final Duration DEFAULT_SOAK = Duration.ofMinutes(10);

    public static BenchOptions parse(String... args) {
        Args a = CommandLines.parse(new Args(), args);
        Set<Section> sections = a.soak != null ? EnumSet.of(Section.SOAK) : EnumSet.copyOf(a.only);
        return new BenchOptions(sections, a.jitWarmup, a.runs, a.warmup, a.window, a.rebalanceDelay, a.sessionTimeout,
                a.failoverRuns, a.out, a.soak == null ? DEFAULT_SOAK : a.soak, a.soakInterval);
    }

    public boolean has(Section section) {
        return sections.contains(section);
    }

    /** A section {@code --only} can pick: the soak has an option of its own. */
    static final class BenchSection implements ITypeConverter<Section> {
        @Override
        public Section convert(String value) {
            try {
                Section section = Section.valueOf(value.strip().toUpperCase(Locale.ROOT));
                if (section != Section.SOAK) {
                    return section;
                }
            } catch (IllegalArgumentException notASection) {
                // reported below with what would be valid
            }
            throw new TypeConversionException("'" + value + "' is not a section; use a comma-separated list of "
                    + "throughput, eos, failover, operations (the soak is --soak / make bench-soak)");
        }
    }

    /** A duration that lets some time pass: a window or a soak of 0 would measure nothing. */
    static final class LongerThanZero implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = new CommandLines.Time().convert(value);
            if (d.isZero()) {
                throw new TypeConversionException("'" + value + "' is not longer than zero; use e.g. 2s");
            }
            return d;
        }
    }
}
