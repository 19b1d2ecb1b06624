package com.example.increment.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.increment.local.process.Jcmd;

/**
 * JFR (the JDK's own profiler, {@code settings=profile}) on each worker while a load is measured: the recordings
 * are kept as {@code <dir>/<worker>.jfr} (open them in JDK Mission Control, or {@code jfr view hot-methods}) and
 * summed up by {@link ProfileSummary}. Started and stopped through {@code jcmd}, so the workers run unchanged.
 */
public final class JfrProfile {

    private static final String RECORDING = "increment-bench";

    private final Path dir;
    private final Map<String, Long> workerPids;

    private JfrProfile(Path dir, Map<String, Long> workerPids) {
        this.dir = dir;
        this.workerPids = workerPids;
    }

    /** Starts a recording in each worker; {@code dir} receives one file per worker when {@link #stop()} is called. */
    public static JfrProfile start(Path dir, Map<String, Long> workerPids) throws IOException {
        Files.createDirectories(dir);
        JfrProfile profile = new JfrProfile(dir.toAbsolutePath(), Map.copyOf(workerPids));
        for (Map.Entry<String, Long> worker : workerPids.entrySet()) {
            Jcmd.run(worker.getValue(), "JFR.start", "name=" + RECORDING, "settings=profile",
                    "filename=" + profile.file(worker.getKey()));
        }
        return profile;
    }

    /** Stops the recordings (each worker writes its file) and sums them up. */
    public ProfileSummary stop() throws IOException {
        Map<String, Path> byWorker = new LinkedHashMap<>();
        for (Map.Entry<String, Long> worker : workerPids.entrySet()) {
            Jcmd.run(worker.getValue(), "JFR.stop", "name=" + RECORDING);
            byWorker.put(worker.getKey(), file(worker.getKey()));
        }
        ProfileSummary summary = ProfileSummary.of(byWorker);
        Files.writeString(dir.resolve("summary.txt"), summary.render());
        return summary;
    }

    private Path file(String worker) {
        return dir.resolve(worker + ".jfr");
    }
}
