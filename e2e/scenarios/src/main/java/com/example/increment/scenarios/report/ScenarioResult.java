package com.example.increment.scenarios.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.example.increment.verify.VerificationReport;

/**
 * What one scenario run did and what the data says: the input of its Markdown table and timeline picture.
 *
 * @param id       file-name friendly, e.g. {@code s1-kill-follower}
 * @param settings the cluster settings that matter for reading the numbers (delay, session timeout, flush interval)
 * @param start    t = 0 of the report: just before the scenario's connector was created
 * @param data     every record read at the end, for the timeline
 * @param findings what the scenario concludes from the data, one sentence each
 */
public record ScenarioResult(String id, String title, String settings, Instant start, Instant end,
                             List<TimelineEvent> events, List<SequenceOutcome> sequences, VerificationReport data,
                             String verdict, List<String> findings) {

    public ScenarioResult {
        events = List.copyOf(events);
        sequences = List.copyOf(sequences);
        findings = List.copyOf(findings);
    }

    /** Seconds since the scenario started, as the report prints instants. */
    public double t(Instant instant) {
        return Duration.between(start, instant).toMillis() / 1000.0;
    }

    public Duration longestOutage() {
        return sequences.stream().map(SequenceOutcome::outage).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
