package com.example.increment.bench;

import java.util.Map;

/**
 * One load's throughput over the measurement windows.
 *
 * @param recordBytes mean serialized key + value bytes of the landed records
 * @param peakRssMib  the largest RSS each cluster process had at the end of a window, by process name
 */
public record ThroughputResult(String label, int parallelism, boolean exactlyOnce, double recordBytes,
                               Stats recordsPerSecond, Stats megabytesPerSecond, Map<String, Long> peakRssMib) {
}
