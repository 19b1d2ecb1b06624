package com.example;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.connect.source.SourceRecord;

/**
 * A task's back-pressure: the records it has returned from {@code poll()} that Kafka has not acknowledged yet, and
 * a wait while they number {@code max.unacknowledged.records} or more. A poll that may go on returns a whole batch,
 * so up to the limit plus one batch can be in flight; cutting batches instead would, with exactly-once, cut every
 * transaction short (Connect then acknowledges a poll's records only after committing them, before the next poll).
 *
 * <p>Why the task needs one: in at-least-once mode Connect's worker polls again as soon as it has handed a batch to
 * its producer, and it keeps every record (source record, converted bytes, callback) until the broker acknowledges
 * it. Its only brake is the producer's {@code buffer.memory} (32 MiB), which holds hundreds of thousands of records
 * as small as these, all on the worker's heap, and a worker still compiling (cold) was seen to sink into GC under
 * them (BENCHMARKS.md). Acknowledgements arrive through {@code commitRecord}, so the task can stop early.
 *
 * <p>Counted per sequence as the last position made minus the highest position acknowledged (see
 * {@link IncrementSequence#acknowledge}), so a record Connect never reports cannot leak into the count.
 */
final class UnacknowledgedRecords {

    /** Bound on one wait, so the worker regains control now and then (pause, stop, a new assignment). */
    static final Duration MAX_WAIT = Duration.ofSeconds(1);

    private final int limit;
    /** Once at the limit, a waiting poll goes on only below this: many small polls would cost more than waiting. */
    private final int resumeAt;
    private final List<IncrementSequence> sequences;
    private final Map<Long, IncrementSequence> byIncrement;
    private final TaskTime time;
    private final Object lock = new Object();
    /** Set while poll() waits, so acknowledgements only take the lock when someone waits for them. */
    private volatile boolean waiting;
    private volatile boolean closed;

    /**
     * @param limit the most unacknowledged records before poll() holds back; 0 for no bound
     * @param time the clock that bounds a wait by {@link #MAX_WAIT}
     */
    UnacknowledgedRecords(int limit, List<IncrementSequence> sequences, TaskTime time) {
        this.limit = limit;
        this.resumeAt = limit / 2;
        this.sequences = List.copyOf(sequences);
        this.byIncrement = sequences.stream()
                .collect(Collectors.toUnmodifiableMap(IncrementSequence::increment, Function.identity()));
        this.time = time;
    }

    boolean bounded() {
        return limit > 0;
    }

    /** Records returned by poll() that Kafka has not acknowledged, over all of the task's sequences. */
    long count() {
        long count = 0;
        for (IncrementSequence sequence : sequences) {
            count += sequence.unacknowledged();
        }
        return count;
    }

    /**
     * Returns at once while the count is below the limit. At the limit it waits until acknowledgements bring the
     * count down to half the limit, {@link #MAX_WAIT} passes, or {@link #close()} is called.
     *
     * @return whether the task may make records now
     */
    boolean awaitRoom() throws InterruptedException {
        if (!bounded() || count() < limit) {
            return !closed;
        }
        long deadline = time.nanoTime() + MAX_WAIT.toNanos();
        synchronized (lock) {
            waiting = true;
            try {
                long left;
                while (!closed && count() > resumeAt && (left = deadline - time.nanoTime()) > 0) {
                    time.timedWait(lock, left);
                }
            } finally {
                waiting = false;
            }
            return !closed && count() < limit;
        }
    }

    /**
     * The sequence whose record this is. A record carries its sequence's own partition map, so a glance at each of
     * the task's few sequences finds it; parsing the map for every record cost ~10 % of an exactly-once task
     * thread in the profile (Connect acknowledges a whole transaction there). Any other map is parsed.
     */
    private IncrementSequence madeBy(SourceRecord record) {
        for (IncrementSequence sequence : sequences) {
            if (sequence.partition() == record.sourcePartition()) {
                return sequence;
            }
        }
        return byIncrement.get(IncrementOffsets.increment(record.sourcePartition()));
    }

    /**
     * Kafka acknowledged this record (or Connect dropped it); from commitRecord, on the producer's thread (with
     * exactly-once on the task's, after each commit).
     */
    void acknowledged(SourceRecord record) {
        IncrementSequence sequence = madeBy(record);
        if (sequence == null) {
            return; // not one of this task's sequences: nothing of ours to count
        }
        sequence.acknowledge(IncrementOffsets.position(record.sourcePartition(), record.sourceOffset()));
        if (waiting && count() <= resumeAt) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Ends any wait; called from stop(), on another thread than poll(). */
    void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }
}
