package com.example.increment.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

/**
 * What {@code make bench} / {@code make bench-soak} measure and for how long; each option is also a Makefile
 * variable. The defaults keep {@code make bench} to a few minutes: many short windows (a median of 5 is sturdier
 * than one of 3 long ones) after a short warm-up, and a rebalance delay D short enough that its cases end soon.
 *
 * @param jitWarmup    unmeasured full load on a fresh cluster's workers before its first throughput figure: a new
 *                     worker JVM needs ~15 s of it on 2 cores before its compiled code runs at full speed (0 = none)
 * @param runs         measurement windows per throughput figure (median, min, max over them)
 * @param failoverRuns kills per failover case (each ~12-25 s with D = 10 s)
 * @param dwell        the rebalance delay D ({@code scheduled.rebalance.max.delay.ms}) of the failover cases; D = 0 too
 * @param soak         bench-soak only: how long the load runs while a worker's heap is sampled
 * @param soakInterval bench-soak only: time between heap samples
 */
public record BenchOptions(Set<Section> sections, Duration jitWarmup, int runs, Duration warmup, Duration window,
                           Duration dwell, int failoverRuns, Path outDir, Duration soak, Duration soakInterval) {

    /** The parts of {@code make bench}; start-up figures come with every cluster it starts. */
    public enum Section { THROUGHPUT, EOS, FAILOVER, SOAK }

    static final String USAGE = """
            usage: BenchMain [--only throughput,eos,failover] [--jit-warmup 15s] [--runs 5] [--warmup 3s] [--window 2s]
                             [--dwell 10s] [--failover-runs 3] [--out target/bench] [--soak 10m] [--soak-interval 30s]
              --soak runs only the heap soak (make bench-soak); durations are 500ms, 5s, 2m, ...
              make variables: BENCH_ONLY, BENCH_JIT_WARMUP, BENCH_RUNS, BENCH_WARMUP, BENCH_WINDOW, BENCH_DWELL,
                              BENCH_FAILOVER_RUNS, BENCH_OUT, SOAK, SOAK_INTERVAL""";

    public static BenchOptions parse(String... args) {
        Set<Section> sections = EnumSet.of(Section.THROUGHPUT, Section.EOS, Section.FAILOVER);
        Duration jitWarmup = Duration.ofSeconds(15);
        int runs = 5;
        Duration warmup = Duration.ofSeconds(3);
        Duration window = Duration.ofSeconds(2);
        Duration dwell = Duration.ofSeconds(10);
        int failoverRuns = 3; // each figure a median of several runs; the cases run side by side, so 3 cost ~2 min
        Path out = Path.of("target", "bench");
        Duration soak = null;
        Duration soakInterval = Duration.ofSeconds(30);
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String arg = rest.pop();
            switch (arg) {
                case "--only" -> sections = sections(value(arg, rest));
                case "--jit-warmup" -> jitWarmup = duration(arg, value(arg, rest));
                case "--runs" -> runs = positive(arg, value(arg, rest));
                case "--warmup" -> warmup = duration(arg, value(arg, rest));
                case "--window" -> window = requirePositive(arg, duration(arg, value(arg, rest)));
                case "--dwell" -> dwell = duration(arg, value(arg, rest));
                case "--failover-runs" -> failoverRuns = positive(arg, value(arg, rest));
                case "--out" -> out = Path.of(value(arg, rest));
                case "--soak" -> soak = requirePositive(arg, duration(arg, value(arg, rest)));
                case "--soak-interval" -> soakInterval = requirePositive(arg, duration(arg, value(arg, rest)));
                default -> throw new IllegalArgumentException("Unknown option '" + arg + "'.\n" + USAGE);
            }
        }
        if (soak != null) {
            sections = EnumSet.of(Section.SOAK);
        }
        return new BenchOptions(sections, jitWarmup, runs, warmup, window, dwell, failoverRuns, out,
                soak == null ? Duration.ofMinutes(10) : soak, soakInterval);
    }

    public boolean has(Section section) {
        return sections.contains(section);
    }

    private static Set<Section> sections(String list) {
        Set<Section> result = EnumSet.noneOf(Section.class);
        for (String name : list.split(",")) {
            try {
                Section s = Section.valueOf(name.strip().toUpperCase());
                if (s == Section.SOAK) {
                    throw new IllegalArgumentException("soak");
                }
                result.add(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--only (BENCH_ONLY) takes a comma-separated list of throughput, "
                        + "eos, failover; was '" + list + "' (the soak is --soak / make bench-soak)");
            }
        }
        return result;
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or plain seconds. */
    static Duration duration(String option, String text) {
        String t = text.strip().toLowerCase();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long amount = Long.parseLong(t.replaceAll("[smh]$", ""));
            return switch (t.charAt(t.length() - 1)) {
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(option + " takes a duration such as 500ms, 5s, 2m or 1h; was '"
                    + text + "'");
        }
    }

    private static Duration requirePositive(String option, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(option + " must be longer than zero; was " + d);
        }
        return d;
    }

    private static int positive(String option, String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a whole number of 1 or more; was '" + text + "'");
    }

    private static String value(String option, Deque<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value.\n" + USAGE);
        }
        return rest.pop();
    }
}
