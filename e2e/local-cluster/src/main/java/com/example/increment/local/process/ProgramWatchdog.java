package com.example.increment.local.process;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link OwnerWatchdog} for a program that is not a JVM: a POSIX shell that runs it as its child, passes a SIGTERM on
 * to it and waits for its end (so a stop is graceful), and ends it when the owner JVM is gone, checked every second.
 * The shell's exit status is the program's.
 */
final class ProgramWatchdog {

    /** $1 is the owner's PID; the rest is the program and its arguments. */
    private static final String SCRIPT = """
            owner=$1; shift
            "$@" &
            child=$!
            trap 'kill -TERM "$child" 2>/dev/null' TERM INT
            while kill -0 "$child" 2>/dev/null; do
              if ! kill -0 "$owner" 2>/dev/null; then
                echo "ProgramWatchdog: owner process $owner is gone; stopping $1" >&2
                kill -TERM "$child" 2>/dev/null
              fi
              sleep 1 & wait $!
            done
            wait "$child"
            """;

    private ProgramWatchdog() {
    }

    static List<String> wrap(List<String> program) {
        return wrap(ProcessHandle.current().pid(), program);
    }

    static List<String> wrap(long ownerPid, List<String> program) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "program-watchdog",
                Long.toString(ownerPid)));
        command.addAll(program);
        return command;
    }
}
