package com.example.increment.scenarios.report;

import java.time.Duration;

/**
 * One sequence's row of a scenario report: what the data says happened to it.
 *
 * @param outage   the longest pause of its records around the scenario's disturbance (zero when it kept flowing)
 * @param happened one line a person reads, e.g. "on 127.0.0.1:41234 (killed): paused t=12.3 s -> t=43.1 s"
 */
public record SequenceOutcome(String topic, long records, long missing, long duplicates, Duration outage,
                              String happened) {

    public double outageSeconds() {
        return outage.toMillis() / 1000.0;
    }
}
