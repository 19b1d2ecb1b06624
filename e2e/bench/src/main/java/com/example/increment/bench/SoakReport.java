package com.example.increment.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** {@code make bench-soak}'s table: each worker's live heap over time, and its growth from first to last sample. */
public record SoakReport(ZonedDateTime startedAt, MachineDescription machine, BenchOptions options,
                         List<SoakBench.Sample> samples) {

    public String render() {
        Set<String> workers = new TreeSet<>();
        samples.forEach(s -> workers.addAll(s.liveHeapMib().keySet()));
        StringBuilder md = new StringBuilder("# make bench-soak, "
                + startedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n\n" + machine.render() + "\n");
        md.append(String.format("- Load: IncrementSource, 2 tasks, %d records/s per sequence, for %d s; live heap "
                + "(after a full GC, jcmd GC.run + GC.heap_info) every %d s; worker heap max 512 MiB%n%n",
                SoakBench.RATE, options.soak().toSeconds(), options.soakInterval().toSeconds()));
        md.append("| elapsed (s) |");
        workers.forEach(w -> md.append(" ").append(w).append(" live heap (MiB) |"));
        md.append("\n|---:|");
        workers.forEach(w -> md.append("---:|"));
        md.append("\n");
        for (SoakBench.Sample s : samples) {
            md.append("| ").append(s.elapsed().toSeconds()).append(" |");
            workers.forEach(w -> md.append(" ").append(s.liveHeapMib().getOrDefault(w, -1L)).append(" |"));
            md.append("\n");
        }
        if (samples.size() >= 2) {
            SoakBench.Sample first = samples.get(0);
            SoakBench.Sample last = samples.get(samples.size() - 1);
            md.append("\nGrowth from the first to the last sample:");
            workers.forEach(w -> md.append(String.format(" %s %+d MiB;", w,
                    last.liveHeapMib().getOrDefault(w, 0L) - first.liveHeapMib().getOrDefault(w, 0L))));
            md.append("\n");
        }
        return md.toString();
    }
}
