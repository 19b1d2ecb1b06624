package com.example.increment.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import com.example.increment.local.LocalConnectCluster;

/**
 * The end of a bench cluster: SIGKILL, not a graceful stop (nothing of it is read again, and a broker with gigabytes
 * of load takes seconds to shut down cleanly), then its broker data goes (only load) and, when the work succeeded,
 * its logs too (VerifiableSource prints every record into a worker's log).
 */
final class ClusterTeardown {

    private ClusterTeardown() {
    }

    static void discard(LocalConnectCluster cluster, boolean succeeded) throws IOException {
        cluster.runningWorkers().forEach(w -> cluster.killWorker(w.name()));
        cluster.broker().kill();
        delete(cluster.settings().dataDir());
        if (succeeded) {
            delete(cluster.settings().logDir());
            deleteIfEmpty(cluster.settings().logDir().getParent());
        } else {
            System.err.println("Logs kept in " + cluster.settings().logDir());
        }
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
