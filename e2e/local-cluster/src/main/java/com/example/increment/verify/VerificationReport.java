package com.example.increment.verify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The verdict over every sequence topic: the thing scenarios assert on. */
public record VerificationReport(Map<String, SequenceReport> sequences) {

    public VerificationReport {
        sequences = java.util.Collections.unmodifiableMap(new TreeMap<>(sequences));
    }

    public SequenceReport sequence(String topic) {
        SequenceReport report = sequences.get(topic);
        if (report == null) {
            throw new IllegalArgumentException("No sequence topic '" + topic + "'; found " + sequences.keySet());
        }
        return report;
    }

    public boolean hasGaps() {
        return sequences.values().stream().anyMatch(s -> !s.gaps().isEmpty() || !s.foreignValues().isEmpty());
    }

    public long totalMissing() {
        return sequences.values().stream().mapToLong(SequenceReport::missingCount).sum();
    }

    public long totalDuplicates() {
        return sequences.values().stream().mapToLong(SequenceReport::duplicateCount).sum();
    }

    public long totalRecords() {
        return sequences.values().stream().mapToLong(SequenceReport::count).sum();
    }

    /** Per sequence, the pauses longer than {@code threshold}: where an outage shows in the data. */
    public Map<String, List<SequenceReport.Pause>> pauses(Duration threshold) {
        return sequences.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().pauses(threshold), (a, b) -> a, TreeMap::new));
    }

    public String render() {
        if (sequences.isEmpty()) {
            return "no sequence topics found";
        }
        return sequences.values().stream().map(SequenceReport::render).collect(Collectors.joining("\n"))
                + String.format("%nverdict: %s; %d records, %d missing, %d duplicates",
                hasGaps() ? "GAPS" : "no gaps", totalRecords(), totalMissing(), totalDuplicates());
    }

    @Override
    public String toString() {
        return render();
    }
}
