package com.example.increment.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The JDK's {@code jcmd} against a running JVM: how the bench asks a worker for its heap or a JFR recording. */
final class Jcmd {

    private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    private static final long TIMEOUT_SECONDS = 60;

    private Jcmd() {
    }

    /** Runs {@code jcmd <pid> <command...>} and returns what it printed; fails naming the command otherwise. */
    static String run(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(JCMD.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        String what = "jcmd " + pid + " " + String.join(" ", command);
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + JCMD + " (a JDK, not a JRE, is needed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + what, e);
        }
    }
}
