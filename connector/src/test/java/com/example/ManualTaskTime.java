package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TaskTime} that moves only when the test calls {@link #advance}. A wait on it ends only on a notify (from
 * the code under test, or from advance), and the test can await the moment a thread starts one: {@link #awaitWait}.
 */
final class ManualTaskTime implements TaskTime {

    /** Only against a hang: every wait in these tests ends on a signal, never on time passing. */
    static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private final AtomicLong now = new AtomicLong();
    /** Each thread's last reading, to tell whether time moved between the caller's reading and its wait. */
    private final ThreadLocal<Long> lastRead = new ThreadLocal<>();
    private final Set<Object> monitors = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Object> waits = new LinkedBlockingQueue<>();

    @Override
    public long nanoTime() {
        long read = now.get();
        lastRead.set(read);
        return read;
    }

    @Override
    public void timedWait(Object monitor, long nanos) throws InterruptedException {
        monitors.add(monitor);
        Long read = lastRead.get();
        if (read == null || read != now.get()) {
            return; // advanced since the caller looked, maybe before advance() knew this monitor: a spurious wake-up
        }
        waits.add(monitor); // the caller holds the monitor: whoever notifies it on this cue blocks until wait() below
        monitor.wait(); // no timeout: time does not pass on its own here
    }

    /** Moves time on and wakes every waiter, which then looks at the new time. */
    void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
        for (Object monitor : monitors) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    /** Blocks until a thread has started to wait on this clock; each wait is reported once, in order. */
    void awaitWait() throws InterruptedException {
        assertThat(waits.poll(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS)).as("a thread waiting on the clock")
                .isNotNull();
    }
}
