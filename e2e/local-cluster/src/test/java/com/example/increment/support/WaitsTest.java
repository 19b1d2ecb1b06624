package com.example.increment.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;


/** waitFor: a crashed process ends the wait at once; other failures are "not yet"; a timeout says what it saw. */
class WaitsTest {

    @Test
    void aProcessExitEndsTheWaitAtOnceInsteadOfAtTheTimeout() {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();

        assertThatThrownBy(() -> Waits.waitFor("a crashed worker", Duration.ofSeconds(60), () -> {
            calls.incrementAndGet();
            throw new WaitAbandonedException("worker process exited; see worker.log");
        })).isInstanceOf(WaitAbandonedException.class).hasMessageContaining("worker.log");

        assertThat(calls).hasValue(1);
        // Loose bound: far below the 60 s timeout, which is what a swallowed exception would cost.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void otherExceptionsCountAsNotYet() {
        AtomicInteger calls = new AtomicInteger();

        String result = Waits.waitFor("the third try", Duration.ofSeconds(30), () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("connection refused");
            }
            return "ready";
        }, "ready"::equals);

        assertThat(result).isEqualTo("ready");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aTimeoutNamesTheWaitAndWhatItLastSaw() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> Waits.waitFor("the answer", Duration.ofSeconds(1),
                () -> "attempt " + calls.incrementAndGet(), "never"::equals))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("waiting for the answer")
                .hasMessageMatching("(?s).*When last checked: attempt \\d+.*");
    }

    @Test
    void aProbeCutShortByTheTimeoutDoesNotHideWhatWasLastSeen() {
        AtomicInteger calls = new AtomicInteger();

        // the second probe is a slow call (a pod log read on a loaded machine) still running at the timeout
        assertThatThrownBy(() -> Waits.waitFor("a slow probe", Duration.ofSeconds(1), () -> {
            if (calls.incrementAndGet() == 1) {
                return "first look";
            }
            try {
                Thread.sleep(Duration.ofSeconds(30));
                return "second look";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // as a client library does before wrapping it
                throw new IllegalStateException("An error has occurred", e);
            }
        }, "never"::equals)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("When last checked: first look");
    }

    @Test
    void aTimeoutAfterExceptionsNamesTheLastException() {
        assertThatThrownBy(() -> Waits.waitFor("a REST API", Duration.ofSeconds(1), () -> {
            throw new IllegalStateException("HTTP 404 on /connectors");
        })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("IllegalStateException: HTTP 404 on /connectors");
    }
}
