package com.example.increment.scenarios.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

import com.example.increment.verify.SequenceReport;
import com.example.increment.verify.SequenceReport.Pause;

/**
 * Outages from the data: the pauses between consecutive record timestamps of a sequence. A sequence made at
 * r records per second has 1/r s between records, so any pause above {@link #THRESHOLD} is a disturbance; below
 * it, the sequence kept flowing (its longest pause is still reported, e.g. 0.2 s while tasks regrouped).
 */
public final class OutageAnalysis {

    /** Longer than any normal step at the scenarios' rates (>= 5 records/s), far shorter than any rebalance. */
    public static final Duration THRESHOLD = Duration.ofMillis(1000);

    private OutageAnalysis() {
    }

    /** The longest pause that overlaps {@code [from, to)}: a disturbance at {@code from} shows there. */
    public static Optional<Pause> longestPauseIn(SequenceReport sequence, Instant from, Instant to) {
        return sequence.pauses(Duration.ZERO).stream()
                .filter(p -> p.to().isAfter(from) && p.from().isBefore(to))
                .max(Comparator.comparing(Pause::length));
    }

    /** Its length (zero without records in the window). */
    public static Duration outageIn(SequenceReport sequence, Instant from, Instant to) {
        return longestPauseIn(sequence, from, to).map(Pause::length).orElse(Duration.ZERO);
    }

    /** Whether the pause is an outage rather than the normal time between records. */
    public static boolean isOutage(Pause pause) {
        return pause.length().compareTo(THRESHOLD) > 0;
    }
}
