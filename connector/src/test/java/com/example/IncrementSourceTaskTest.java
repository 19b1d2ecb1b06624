package com.example;

import static com.example.IncrementSourceConfig.BATCH_SIZE_CONFIG;
import static com.example.IncrementSourceConfig.INCREMENTS_CONFIG;
import static com.example.IncrementSourceConfig.MAX_UNACKNOWLEDGED_RECORDS_CONFIG;
import static com.example.IncrementSourceConfig.RECORDS_PER_SECOND_CONFIG;
import static com.example.IncrementSourceConfig.TASK_INCREMENTS_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class IncrementSourceTaskTest {

    private static final long HANG_GUARD_MILLIS = ManualTaskTime.HANG_GUARD.toMillis();

    @Mock
    private SourceTaskContext context;
    @Mock
    private OffsetStorageReader offsetReader;

    /** Time stands still unless a test advances it: a wait ends only on the signal under test. */
    private final ManualTaskTime time = new ManualTaskTime();
    private final IncrementSourceTask task = new IncrementSourceTask(time);
    private final Map<Map<String, Object>, Map<String, Object>> storedOffsets = new HashMap<>();

    @BeforeEach
    void setUp() {
        when(context.offsetStorageReader()).thenReturn(offsetReader);
        when(offsetReader.offsets(anyCollection())).thenAnswer(call -> {
            Map<Object, Object> found = new HashMap<>();
            for (Object partition : (Collection<?>) call.getArgument(0)) {
                found.put(partition, storedOffsets.get(partition));
            }
            return found;
        });
        task.initialize(context);
    }

    @AfterEach
    void tearDown() {
        task.stop();
    }

    /** A task's settings: by default a connector with just these increments, all assigned to this task. */
    private static Map<String, String> taskProps(String increments, String... more) {
        Map<String, String> props = TestConfigs.labWith(INCREMENTS_CONFIG, increments);
        props.putAll(TestConfigs.props(more));
        props.put(TASK_INCREMENTS_CONFIG, increments);
        return props;
    }

    private static Map<String, String> unthrottled(String increments, int batchSize) {
        return taskProps(increments, RECORDS_PER_SECOND_CONFIG, "0", BATCH_SIZE_CONFIG, String.valueOf(batchSize));
    }

    private static List<SourceRecord> pollUntil(IncrementSourceTask task, int count) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANG_GUARD_MILLIS);
        while (records.size() < count && System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                records.addAll(batch);
            }
        }
        assertThat(records).as("records polled before the hang guard").hasSizeGreaterThanOrEqualTo(count);
        return records;
    }

    /** On a thread of its own: a poll a failed test leaves waiting must not hold a pool thread the next one needs. */
    private CompletableFuture<List<SourceRecord>> pollInBackground() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return task.poll();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> {
            Thread poller = new Thread(runnable, "background-poll");
            poller.setDaemon(true);
            poller.start();
        });
    }

    private static long value(SourceRecord record) {
        return ((Struct) record.value()).getInt64("value");
    }

    private static long position(SourceRecord record) {
        return (Long) record.sourceOffset().get("position");
    }

    @Test
    void freshSequencesStartAtPositionOneWithValuesThatAreMultiplesOfTheIncrement() throws InterruptedException {
        task.start(unthrottled("1,100", 3));
        long before = System.currentTimeMillis();

        List<SourceRecord> records = task.poll();

        long after = System.currentTimeMillis();
        assertThat(records).hasSize(6);
        assertThat(records).filteredOn(r -> r.topic().equals("seq_1"))
                .extracting(IncrementSourceTaskTest::value).containsExactly(1L, 2L, 3L);
        assertThat(records).filteredOn(r -> r.topic().equals("seq_100"))
                .extracting(IncrementSourceTaskTest::value).containsExactly(100L, 200L, 300L);
        for (SourceRecord record : records) {
            long increment = (Long) record.key();
            assertThat(record.topic()).isEqualTo("seq_" + increment);
            assertThat(record.kafkaPartition()).isNull();
            assertThat(record.keySchema()).isEqualTo(Schema.INT64_SCHEMA);
            assertThat(record.sourcePartition()).isEqualTo(Map.of("increment", increment));
            assertThat(value(record)).isEqualTo(position(record) * increment);
            assertThat(record.timestamp()).isBetween(before, after);
        }
    }

    @Test
    void valuesAreStructsWithTheLabsFields() throws InterruptedException {
        task.start(unthrottled("100", 1));

        SourceRecord record = task.poll().get(0);

        Schema schema = record.valueSchema();
        assertThat(schema.name()).isEqualTo("com.example.increment.Increment");
        assertThat(schema.fields()).extracting(f -> f.name()).containsExactly("threadId", "hostname", "value");
        assertThat(schema.fields()).allSatisfy(f -> assertThat(f.schema().doc()).isNotBlank());
        assertThat(schema.field("threadId").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(schema.field("hostname").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(schema.field("value").schema().type()).isEqualTo(Schema.Type.INT64);
        Struct value = (Struct) record.value();
        value.validate();
        assertThat(value.getInt64("threadId")).isEqualTo(Thread.currentThread().getId());
        assertThat(value.getString("hostname")).isNotBlank();
        assertThat(value.getInt64("value")).isEqualTo(100L);
    }

    @Test
    void threadIdIsThatOfThePollingThread() throws Exception {
        task.start(unthrottled("1", 1));

        CompletableFuture<List<SourceRecord>> polled = new CompletableFuture<>();
        Thread poller = new Thread(() -> {
            try {
                polled.complete(task.poll());
            } catch (Throwable e) {
                polled.completeExceptionally(e);
            }
        });
        poller.start();

        Struct value = (Struct) polled.get(10, TimeUnit.SECONDS).get(0).value();
        assertThat(value.getInt64("threadId")).isEqualTo(poller.getId()).isNotEqualTo(Thread.currentThread().getId());
    }

    @Test
    void resumesAfterTheStoredPositionAndStartsFreshWhereThereIsNone() throws InterruptedException {
        storedOffsets.put(Map.of("increment", 1L), Map.of("position", 41L));
        task.start(unthrottled("1,100", 2));

        List<SourceRecord> records = task.poll();

        assertThat(records).filteredOn(r -> r.topic().equals("seq_1"))
                .extracting(IncrementSourceTaskTest::position, IncrementSourceTaskTest::value)
                .containsExactly(tuple(42L, 42L),
                        tuple(43L, 43L));
        assertThat(records).filteredOn(r -> r.topic().equals("seq_100"))
                .extracting(IncrementSourceTaskTest::position, IncrementSourceTaskTest::value)
                .containsExactly(tuple(1L, 100L),
                        tuple(2L, 200L));
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsAllItsOffsetsInOneBatch() {
        task.start(unthrottled("1,100,-7", 1));

        ArgumentCaptor<Collection<Map<String, Object>>> partitions = ArgumentCaptor.forClass(Collection.class);
        verify(offsetReader, times(1)).offsets(partitions.capture());
        verify(offsetReader, never()).offset(any());
        assertThat(partitions.getValue()).containsExactlyInAnyOrder(
                Map.of("increment", 1L), Map.of("increment", 100L), Map.of("increment", -7L));
    }

    @Test
    void acceptsStoredPositionsOfAnyIntegralType() throws InterruptedException {
        storedOffsets.put(Map.of("increment", 1L), Map.of("position", 9));
        task.start(unthrottled("1", 1));

        assertThat(value(task.poll().get(0))).isEqualTo(10L);
    }

    @Test
    void failsToStartOnACorruptStoredOffset() {
        storedOffsets.put(Map.of("increment", 100L), Map.of("position", "ten"));

        assertThatThrownBy(() -> task.start(unthrottled("1,100", 1)))
                .isInstanceOf(ConnectException.class)
                .hasMessageContainingAll("{increment=100}", "'position' = \"ten\"", "whole number >= 0");
    }

    @Test
    void eachPollContinuesWhereTheLastEnded() throws InterruptedException {
        task.start(unthrottled("-3", 4));

        List<SourceRecord> records = new ArrayList<>(task.poll());
        records.addAll(task.poll());

        assertThat(records).extracting(IncrementSourceTaskTest::value)
                .containsExactly(-3L, -6L, -9L, -12L, -15L, -18L, -21L, -24L);
        assertThat(records).extracting(IncrementSourceTaskTest::position)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void failsRatherThanWrapWhenTheValueOverflows() throws InterruptedException {
        long last = Long.MAX_VALUE / 100;
        storedOffsets.put(Map.of("increment", 100L), Map.of("position", last - 1));
        task.start(unthrottled("100", 5));

        assertThatThrownBy(task::poll)
                .isInstanceOf(ConnectException.class)
                .hasMessageContainingAll("increment 100", "seq_100", "position " + last, "does not fit in a 64-bit",
                        "rather than wrap")
                .hasCauseInstanceOf(ArithmeticException.class);
    }

    @Test
    void failsRatherThanWrapWhenThePositionOverflows() {
        storedOffsets.put(Map.of("increment", 1L), Map.of("position", Long.MAX_VALUE));
        task.start(unthrottled("1", 1));

        assertThatThrownBy(task::poll)
                .isInstanceOf(ConnectException.class)
                .hasMessageContainingAll("increment 1 ", "position " + Long.MAX_VALUE);
    }

    @Test
    void emitsTheLastValueThatFits() throws InterruptedException {
        storedOffsets.put(Map.of("increment", -1L), Map.of("position", Long.MAX_VALUE - 1));
        task.start(unthrottled("-1", 1));

        assertThat(value(task.poll().get(0))).isEqualTo(-Long.MAX_VALUE);
    }

    @Test
    void stopWakesABlockedPollAtOnce() throws Exception {
        task.start(taskProps("1", RECORDS_PER_SECOND_CONFIG, "1"));
        assertThat(task.poll()).as("the first step is due at once").hasSize(1);

        CompletableFuture<List<SourceRecord>> blocked = pollInBackground();
        time.awaitWait();
        assertThat(blocked).as("poll waits for the next step").isNotDone();
        task.stop();

        // Time stands still, so the next step never comes due: only stop()'s wake-up can end this wait.
        assertThat(blocked.get(HANG_GUARD_MILLIS, TimeUnit.MILLISECONDS)).as("a stopped poll returns no records")
                .isNull();
    }

    @Test
    void pollAfterStopReturnsNothing() throws InterruptedException {
        task.start(unthrottled("1", 10));
        task.stop();

        assertThat(task.poll()).isNull();
    }

    @Test
    void throttledSequencesAdvanceAtTheConfiguredRate() throws Exception {
        task.start(taskProps("1,100", RECORDS_PER_SECOND_CONFIG, "20")); // a step every 50 ms
        List<SourceRecord> records = new ArrayList<>(task.poll()); // the first step is due at once

        for (int step = 2; step <= 10; step++) {
            CompletableFuture<List<SourceRecord>> next = pollInBackground();
            time.awaitWait();
            time.advance(Duration.ofMillis(49));
            time.awaitWait(); // woken 1 ms early, it looked at the time and waited on
            assertThat(next).as("step %d is not due 49 ms after the last", step).isNotDone();
            time.advance(Duration.ofMillis(1));
            assertThat(next.get(HANG_GUARD_MILLIS, TimeUnit.MILLISECONDS)).as("step %d, due 50 ms after the last", step)
                    .hasSize(2);
            records.addAll(next.get());
        }

        assertThat(records).filteredOn(r -> r.topic().equals("seq_100")).extracting(IncrementSourceTaskTest::value)
                .containsExactly(100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L);
    }

    @Test
    void aTaskAsConnectMakesItKeepsThePaceOnTheSystemClock() throws InterruptedException {
        IncrementSourceTask systemTask = new IncrementSourceTask();
        systemTask.initialize(context);
        long start = System.nanoTime();
        systemTask.start(taskProps("1", RECORDS_PER_SECOND_CONFIG, "20"));
        try {
            List<SourceRecord> records = pollUntil(systemTask, 10);

            // Real time passing is the subject: 10 steps at 20/s take 9 intervals, a bound no slow machine breaks.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
            assertThat(records).extracting(IncrementSourceTaskTest::value).startsWith(1L, 2L, 3L);
        } finally {
            systemTask.stop();
        }
    }

    @Test
    void throttledPollsWaitInsteadOfReturningEmptyBatches() throws Exception {
        task.start(taskProps("1", RECORDS_PER_SECOND_CONFIG, "5")); // a step every 200 ms
        assertThat(task.poll()).as("the first step is due at once").hasSize(1);

        CompletableFuture<List<SourceRecord>> next = pollInBackground();
        time.awaitWait();
        time.advance(Duration.ofMillis(100));
        time.awaitWait(); // woken with nothing due, it waited again rather than return an empty batch
        assertThat(next).isNotDone();
        time.advance(Duration.ofMillis(100));

        assertThat(next.get(HANG_GUARD_MILLIS, TimeUnit.MILLISECONDS)).hasSize(1);
    }

    @Test
    void aThrottledTaskThatFellBehindCatchesUpAtMostOneBatch() throws InterruptedException {
        task.start(taskProps("1", RECORDS_PER_SECOND_CONFIG, "1000", BATCH_SIZE_CONFIG, "5"));
        time.advance(Duration.ofMillis(200)); // 200 steps due

        assertThat(task.poll()).hasSize(5);
    }

    @Test
    void unthrottledPollsReturnBatchSizeRecordsPerSequence() throws InterruptedException {
        task.start(unthrottled("1,2,3", 1000));

        assertThat(task.poll()).hasSize(3000);
    }

    @Test
    void taskOnlyWritesItsOwnShare() throws InterruptedException {
        task.start(taskProps("100", INCREMENTS_CONFIG, "1,100,5", RECORDS_PER_SECOND_CONFIG, "0",
                BATCH_SIZE_CONFIG, "3"));

        assertThat(task.poll()).extracting(SourceRecord::topic).containsOnly("seq_100");
    }

    /** A task writing seq_1 and seq_100 unthrottled, 4 steps per poll, holding back at 10 unacknowledged records. */
    private void startBoundedAtTen(String... more) {
        Map<String, String> props = unthrottled("1,100", 4);
        props.put(MAX_UNACKNOWLEDGED_RECORDS_CONFIG, "10");
        props.putAll(TestConfigs.props(more));
        task.start(props);
    }

    private void acknowledge(List<SourceRecord> records) {
        records.forEach(record -> task.commitRecord(record, null));
    }

    @Test
    void pollsHoldBackAtTheBoundUntilKafkaAcknowledges() throws Exception {
        startBoundedAtTen();

        List<SourceRecord> first = task.poll();
        List<SourceRecord> second = task.poll();
        assertThat(first).hasSize(8);
        assertThat(second).as("8 unacknowledged is below the bound: a whole batch, not cut to fit").hasSize(8);

        CompletableFuture<List<SourceRecord>> third = pollInBackground();
        time.awaitWait();
        time.advance(UnacknowledgedRecords.MAX_WAIT.minusNanos(1));
        time.awaitWait(); // woken with no room yet, it waited on: it waits for acknowledgements, it does not spin
        assertThat(third).as("it waits up to MAX_WAIT").isNotDone();
        time.advance(Duration.ofNanos(1));

        assertThat(third.get(HANG_GUARD_MILLIS, TimeUnit.MILLISECONDS))
                .as("16 unacknowledged: nothing until Kafka acknowledges").isNull();

        acknowledge(first);
        assertThat(task.poll()).as("8 left unacknowledged: below the bound again").hasSize(8)
                .filteredOn(r -> r.topic().equals("seq_1")).extracting(IncrementSourceTaskTest::value)
                .containsExactly(9L, 10L, 11L, 12L);
    }

    @Test
    void aWaitingPollWakesWhenAcknowledgementsBringTheCountDownToHalfTheBound() throws Exception {
        startBoundedAtTen();
        List<SourceRecord> sent = new ArrayList<>(task.poll());
        sent.addAll(task.poll()); // seq_1 and seq_100 at position 8 each: 16 unacknowledged

        CompletableFuture<List<SourceRecord>> waiting = pollInBackground();
        time.awaitWait();
        task.commitRecord(sent.get(14), null); // seq_1 position 8: 8 unacknowledged, below the bound
        time.advance(Duration.ofNanos(1)); // wakes the poll to look at the count again, far within its bounded wait
        time.awaitWait();
        assertThat(waiting).as("still waiting: it goes on at half the bound, not at the first acknowledgement")
                .isNotDone();

        task.commitRecord(sent.get(9), null); // seq_100 position 5: 3 unacknowledged

        // Time stands still, so its bounded wait never ends (it would return null): the acknowledgement woke it.
        assertThat(waiting.get(HANG_GUARD_MILLIS, TimeUnit.MILLISECONDS)).hasSize(8);
    }

    @Test
    void theHighestAcknowledgedPositionCoversRecordsConnectNeverReports() throws InterruptedException {
        startBoundedAtTen();
        task.poll();
        List<SourceRecord> second = task.poll();

        // Only the last record of each sequence is reported, e.g. the others were dropped by a transform.
        acknowledge(second.subList(second.size() - 2, second.size()));

        assertThat(task.poll()).hasSize(8);
    }

    @Test
    void anAcknowledgedCopyOfARecordCountsLikeTheRecordItself() throws InterruptedException {
        startBoundedAtTen();
        task.poll();
        List<SourceRecord> second = task.poll();

        // Copies with maps equal to the task's, not the same ones: as a record rebuilt from its stored form would be.
        second.subList(second.size() - 2, second.size()).forEach(r -> task.commitRecord(new SourceRecord(
                new HashMap<>(r.sourcePartition()), new HashMap<>(r.sourceOffset()), r.topic(), r.kafkaPartition(),
                r.keySchema(), r.key(), r.valueSchema(), r.value(), r.timestamp()), null));

        assertThat(task.poll()).hasSize(8);
    }

    @Test
    void zeroMeansNoBound() throws InterruptedException {
        startBoundedAtTen(MAX_UNACKNOWLEDGED_RECORDS_CONFIG, "0");

        for (int i = 0; i < 5; i++) {
            assertThat(task.poll()).hasSize(8);
        }
    }

    @Test
    void intervalTransactionsTurnTheBoundOffBecauseConnectAcknowledgesOnlyAtCommit() throws InterruptedException {
        startBoundedAtTen("transaction.boundary", "interval");

        for (int i = 0; i < 5; i++) {
            assertThat(task.poll()).hasSize(8);
        }
    }

    @Test
    void stopEndsAWaitForAcknowledgements() throws Exception {
        startBoundedAtTen();
        task.poll();
        task.poll();

        CompletableFuture<List<SourceRecord>> waiting = pollInBackground();
        time.awaitWait();
        task.stop();

        // Time stands still, so its bounded wait never ends: only stop() can have ended it.
        assertThat(waiting.get(HANG_GUARD_MILLIS, TimeUnit.MILLISECONDS)).isNull();
    }
}
