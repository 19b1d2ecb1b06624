package com.example.increment.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** The one way this code waits: poll a real signal until it holds, and say what was last seen when it never does. */
public final class Waits {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private Waits() {
    }

    /**
     * Polls {@code probe} until {@code done} accepts its result and returns that result. An exception from the
     * probe counts as "not yet", except {@link WaitAbandonedException}, which ends the wait at once (a crashed
     * process will not become ready). On timeout the error names {@code description} and the last result or
     * exception (not the exception of a probe the timeout interrupted).
     */
    public static <T> T waitFor(String description, Duration timeout, Callable<T> probe, Predicate<? super T> done) {
        AtomicReference<Object> lastSeen = new AtomicReference<>("nothing yet");
        AtomicReference<T> result = new AtomicReference<>();
        try {
            Awaitility.await(description).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL_INTERVAL)
                    .until(() -> {
                        try {
                            T value = probe.call();
                            lastSeen.set(value);
                            if (done.test(value)) {
                                result.set(value);
                                return true;
                            }
                            return false;
                        } catch (WaitAbandonedException e) {
                            throw e;
                        } catch (Exception e) {
                            if (!Thread.currentThread().isInterrupted()) { // interrupted: the timeout cut it short
                                lastSeen.set(e.getClass().getSimpleName() + ": " + e.getMessage());
                            }
                            return false;
                        }
                    });
            return result.get();
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + description
                    + ". When last checked: " + lastSeen.get(), e);
        }
    }

    /** Waits until {@code condition} is true; exceptions other than {@link WaitAbandonedException} count as "not yet". */
    public static void waitFor(String description, Duration timeout, Callable<Boolean> condition) {
        waitFor(description, timeout, condition, Boolean.TRUE::equals);
    }
}
