package com.example.increment.local.process;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs inside every child JVM before Kafka's own main: when the owner (the JVM that started it) is gone, even
 * after a SIGKILL that ran no shutdown hook, it exits through {@code System.exit}, so Kafka's own shutdown hooks
 * stop the broker or worker gracefully. Usage: {@code OwnerWatchdog <ownerPid> <mainClass> [args...]}.
 * Deliberately dependency-free: it is the only class of e2e on the Kafka processes' classpath.
 */
public final class OwnerWatchdog {

    /**
     * How long Kafka's shutdown hooks may take before the process halts anyway: when broker and workers lose their
     * owner together, a worker's hook can block on the stopping broker, and nobody is left to kill it.
     */
    static final long HALT_AFTER_MS = 60_000;

    private OwnerWatchdog() {
    }

    public static void main(String[] args) throws Exception {
        long ownerPid = Long.parseLong(args[0]);
        Thread watch = new Thread(() -> {
            ProcessHandle.of(ownerPid).ifPresent(owner -> owner.onExit().join());
            System.err.println("OwnerWatchdog: owner process " + ownerPid + " is gone; shutting down");
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(HALT_AFTER_MS);
                } catch (InterruptedException e) {
                    // halt at once rather than hang
                }
                System.err.println("OwnerWatchdog: shutdown hooks still running after " + HALT_AFTER_MS
                        + " ms; halting");
                Runtime.getRuntime().halt(1);
            }, "owner-watchdog-halt");
            halt.setDaemon(true); // a JVM whose hooks finished exits without waiting for it
            halt.start();
            System.exit(0);
        }, "owner-watchdog");
        watch.setDaemon(true);
        watch.start();
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
