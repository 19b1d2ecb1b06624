package com.example.increment.bench;

import java.util.Map;
import java.util.Optional;

/**
 * One load's throughput over the measurement windows.
 *
 * @param worker      the shape of the cluster's workers (the producer rows ran beside them)
 * @param recordBytes mean serialized key + value bytes of the landed records
 * @param peakRssMib  the largest RSS each cluster process had at the end of a window, by process name
 * @param cpuPercent  CPU each process (broker, workers, the load's own) used over the windows, in % of one core
 * @param profile     what JFR saw in the workers over the windows, when the load was profiled
 */
public record ThroughputResult(String label, WorkerShape worker, int parallelism, boolean exactlyOnce,
                               double recordBytes,
                               Stats recordsPerSecond, Stats megabytesPerSecond, Map<String, Long> peakRssMib,
                               Map<String, Double> cpuPercent, Optional<ProfileSummary> profile) {
}
