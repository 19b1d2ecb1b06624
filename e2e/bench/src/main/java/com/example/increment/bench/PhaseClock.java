package com.example.increment.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a bench step's wall time goes, printed with its result ({@code took 15.2 s: stop 0.4 s, ...}), so that a slow
 * {@code make bench} shows which part to shorten.
 */
final class PhaseClock {

    private final long start = System.nanoTime();
    private long lapStart = start;
    private final List<String> laps = new ArrayList<>();

    /** Ends the phase that ran since the previous lap (or the start) and names it. */
    void lap(String phase) {
        long now = System.nanoTime();
        laps.add(String.format("%s %.1f s", phase, (now - lapStart) / 1e9));
        lapStart = now;
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public String toString() {
        return String.format("took %.1f s (%s)", elapsedSeconds(), String.join(", ", laps));
    }
}
