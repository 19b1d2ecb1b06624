package com.example.increment.local.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@code jcmd} against a running JVM: how the bench asks a worker for its heap or a JFR recording, and how a
 * process that does not stop leaves its threads in its log.
 */
public final class Jcmd {

    private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    private static final long TIMEOUT_SECONDS = 60;

    private Jcmd() {
    }

    /** Runs {@code jcmd <pid> <command...>} and returns what it printed; fails naming the command otherwise. */
    public static String run(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(JCMD.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        String what = "jcmd " + pid + " " + String.join(" ", command);
        try {
            // Into a file, not a pipe: a JVM that does not answer must not block the read past the timeout.
            Path out = Files.createTempFile("jcmd-", ".txt");
            try {
                Process p = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                boolean ended = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (!ended) {
                    p.destroyForcibly();
                }
                String printed = Files.readString(out, StandardCharsets.UTF_8);
                if (!ended || p.exitValue() != 0) {
                    throw new IllegalStateException(what + (ended ? " failed: " : " did not answer within "
                            + TIMEOUT_SECONDS + " s: ") + printed);
                }
                return printed;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + JCMD + " (a JDK, not a JRE, is needed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + what, e);
        }
    }
}
