package com.example.increment.bench;

import java.util.List;

/** Median, min and max of a figure over runs: what every cell of the bench table shows. */
public record Stats(double median, double min, double max, int runs) {

    public static Stats of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("Stats need at least one sample");
        }
        List<Double> sorted = samples.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(median, sorted.get(0), sorted.get(n - 1), n);
    }

    /** {@code median (min-max)} with the given number format, e.g. {@code "%.0f"}. */
    public String render(String format) {
        String m = String.format(format, median);
        return runs == 1 ? m : m + " (" + String.format(format, min) + "–" + String.format(format, max) + ")";
    }
}
