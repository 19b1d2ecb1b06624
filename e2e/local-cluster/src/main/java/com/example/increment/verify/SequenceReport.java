package com.example.increment.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one sequence's topic holds, judged against what the connector promises: values step, 2·step, 3·step, ...
 * from position 1 on, so every missing value is a gap and every repeated value a duplicate.
 *
 * @param step    the sequence's increment N (values are multiples of it)
 * @param records in log order
 */
public record SequenceReport(String topic, long step, List<SequenceRecord> records) {

    /** Values step·from .. step·to are missing. */
    public record Gap(long fromValue, long toValue, long missing) {
        @Override
        public String toString() {
            return fromValue == toValue ? Long.toString(fromValue) : fromValue + ".." + toValue + " (" + missing + ")";
        }
    }

    /** A value present {@code copies} times. */
    public record Duplicate(long value, int copies) {
    }

    /** A time range in which the sequence got no record. */
    public record Pause(Instant from, Instant to) {
        public Duration length() {
            return Duration.between(from, to);
        }

        @Override
        public String toString() {
            return String.format("%.3f s (%s -> %s)", length().toMillis() / 1000.0, from, to);
        }
    }

    public SequenceReport {
        records = List.copyOf(records);
        if (step == 0) {
            throw new IllegalArgumentException("Sequence " + topic + ": step must be non-zero");
        }
    }

    public int count() {
        return records.size();
    }

    public Optional<Long> firstValue() {
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(0).value());
    }

    public Optional<Long> lastValue() {
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1).value());
    }

    /** The furthest position reached (value / step). */
    public long maxPosition() {
        return records.stream().mapToLong(r -> r.value() / step).max().orElse(0);
    }

    /** Missing values from position 1 to the furthest position reached, as ranges. */
    public List<Gap> gaps() {
        TreeSet<Long> positions = records.stream().map(r -> r.value() / step)
                .collect(Collectors.toCollection(TreeSet::new));
        List<Gap> gaps = new ArrayList<>();
        long expected = 1;
        for (long position : positions) {
            if (position > expected) {
                gaps.add(new Gap(expected * step, (position - 1) * step, position - expected));
            }
            expected = Math.max(expected, position + 1);
        }
        return gaps;
    }

    public long missingCount() {
        return gaps().stream().mapToLong(Gap::missing).sum();
    }

    /** Values seen more than once (an at-least-once replay after a crash), in value order. */
    public List<Duplicate> duplicates() {
        Map<Long, Long> counts = records.stream()
                .collect(Collectors.groupingBy(SequenceRecord::value, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> new Duplicate(e.getKey(), e.getValue().intValue())).toList();
    }

    /** Extra copies in total: records minus distinct values. */
    public long duplicateCount() {
        return records.size() - records.stream().map(SequenceRecord::value).distinct().count();
    }

    /** Values that are not multiples of the step: a broken connector, never a delivery problem. */
    public List<Long> foreignValues() {
        return records.stream().map(SequenceRecord::value).filter(v -> v % step != 0 || v / step < 1).toList();
    }

    /** Every pause longer than {@code threshold} between consecutive record timestamps: the outage windows. */
    public List<Pause> pauses(Duration threshold) {
        List<Instant> times = records.stream().map(SequenceRecord::timestamp).sorted().toList();
        List<Pause> pauses = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            if (Duration.between(times.get(i - 1), times.get(i)).compareTo(threshold) > 0) {
                pauses.add(new Pause(times.get(i - 1), times.get(i)));
            }
        }
        return pauses;
    }

    /** The longest time between consecutive record timestamps. */
    public Optional<Pause> longestPause() {
        return pauses(Duration.ZERO.minusMillis(1)).stream().max(Comparator.comparing(Pause::length));
    }

    /** The pause around an instant (e.g. a kill), if records stopped around then for longer than {@code threshold}. */
    public Optional<Pause> pauseAround(Instant instant, Duration threshold) {
        return pauses(threshold).stream().filter(p -> !p.to().isBefore(instant)).findFirst();
    }

    public Set<Long> threadIds() {
        return records.stream().map(SequenceRecord::threadId).collect(Collectors.toCollection(TreeSet::new));
    }

    public Set<String> hostnames() {
        return records.stream().map(SequenceRecord::hostname).collect(Collectors.toCollection(TreeSet::new));
    }

    public Set<String> keys() {
        return records.stream().map(SequenceRecord::key).collect(Collectors.toCollection(TreeSet::new));
    }

    /** One line per sequence plus detail lines for gaps and duplicates (at most 10 of each). */
    public String render() {
        StringBuilder sb = new StringBuilder(String.format(
                "%-12s step %-6d records %-8d first %-10s last %-10s gaps %d (missing %d)  duplicates %d  longest pause %s",
                topic, step, count(), firstValue().map(String::valueOf).orElse("-"),
                lastValue().map(String::valueOf).orElse("-"), gaps().size(), missingCount(), duplicateCount(),
                longestPause().map(Pause::toString).orElse("-")));
        sb.append(String.format("%n%12s threadIds %s  hostnames %s", "", threadIds(), hostnames()));
        appendSome(sb, "missing", gaps(), g -> g);
        appendSome(sb, "duplicated", duplicates(), d -> d.value() + " x" + d.copies());
        appendSome(sb, "NOT multiples of " + step, foreignValues(), v -> v);
        return sb.toString();
    }

    private static <T> void appendSome(StringBuilder sb, String label, List<T> items, Function<? super T, ?> show) {
        if (!items.isEmpty()) {
            sb.append(String.format("%n%12s %s: %s%s", "", label,
                    items.stream().limit(10).map(show).map(String::valueOf).collect(Collectors.joining(", ")),
                    items.size() > 10 ? ", ... (" + items.size() + " in all)" : ""));
        }
    }
}
