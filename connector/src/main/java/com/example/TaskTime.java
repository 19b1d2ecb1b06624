package com.example;

import java.util.concurrent.TimeUnit;

/**
 * The clock a task paces itself by and its timed waits on a monitor: the system's in production. Tests pass one that
 * moves only when they advance it, so that no test waits for real time to pass or races it.
 */
interface TaskTime {

    TaskTime SYSTEM = new TaskTime() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void timedWait(Object monitor, long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.timedWait(monitor, nanos);
        }
    };

    /** As {@link System#nanoTime()}: only the difference between two readings means anything. */
    long nanoTime();

    /**
     * As {@link TimeUnit#timedWait}: waits on the monitor, whose lock the caller holds, until notified, the time has
     * passed, or spuriously; callers loop on their condition.
     */
    void timedWait(Object monitor, long nanos) throws InterruptedException;
}
