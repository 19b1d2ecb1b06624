package com.example.increment.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * What JFR recordings of the workers say about a load: each worker's share of wall time in GC pauses, and where the
 * Connect task threads spend their CPU (execution samples: the stages of a record's way and the hottest methods).
 *
 * @param gcPausePercent  per worker: its GC pauses' total over the recording's length, in %
 * @param taskSamples     execution samples taken on task threads ({@code task-thread-*}), all workers
 * @param stagePercent    per stage of {@link #STAGES}: the share of task-thread samples inside it, in %
 * @param hotMethods      the task threads' methods most often on top of the stack, with their share, hottest first
 * @param threadSamples   samples per thread kind (task, producer network, other), all workers
 */
public record ProfileSummary(Map<String, Double> gcPausePercent, long taskSamples, Map<String, Double> stagePercent,
                             Map<String, Double> hotMethods, Map<String, Long> threadSamples) {

    /** A stage of a record's way through the task thread: a method (empty: any) of a type (empty: any). */
    record Stage(String name, String type, String method) {
        boolean in(RecordedFrame frame) {
            RecordedMethod m = frame.getMethod();
            return m != null && (method.isEmpty() || m.getName().equals(method))
                    && (type.isEmpty() || m.getType().getName().equals(type));
        }
    }

    /** Inclusive: a sample counts for each stage it is in (a converter runs inside Connect's send loop). */
    static final List<Stage> STAGES = List.of(
            new Stage("the connector's poll()", "com.example.IncrementSourceTask", "poll"),
            new Stage("converters (key and value)", "", "fromConnectData"),
            new Stage("KafkaProducer.send", "org.apache.kafka.clients.producer.KafkaProducer", "send"),
            new Stage("Connect's offset bookkeeping (SubmittedRecords)",
                    "org.apache.kafka.connect.runtime.SubmittedRecords", ""),
            new Stage("transaction commit", "org.apache.kafka.clients.producer.KafkaProducer", "commitTransaction"));
    private static final int HOT_METHODS = 12;

    public static ProfileSummary of(Map<String, Path> recordings) throws IOException {
        Map<String, Double> gc = new LinkedHashMap<>();
        Map<String, Long> stageSamples = new LinkedHashMap<>();
        STAGES.forEach(s -> stageSamples.put(s.name(), 0L));
        Map<String, Long> hot = new TreeMap<>();
        Map<String, Long> threads = new LinkedHashMap<>();
        long task = 0;
        for (Map.Entry<String, Path> recording : recordings.entrySet()) {
            Instant first = null;
            Instant last = null;
            Duration paused = Duration.ZERO;
            for (RecordedEvent event : RecordingFile.readAllEvents(recording.getValue())) {
                first = first == null || event.getStartTime().isBefore(first) ? event.getStartTime() : first;
                last = last == null || event.getEndTime().isAfter(last) ? event.getEndTime() : last;
                String type = event.getEventType().getName();
                if (type.equals("jdk.GarbageCollection")) {
                    paused = paused.plus(event.getDuration("sumOfPauses"));
                } else if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                    String thread = threadKind(event.getThread("sampledThread").getJavaName());
                    threads.merge(thread, 1L, Long::sum);
                    if (thread.equals("task")) {
                        task++;
                        countTaskSample(event.getStackTrace().getFrames(), stageSamples, hot);
                    }
                }
            }
            double wall = first == null ? 0 : Duration.between(first, last).toNanos();
            gc.put(recording.getKey(), wall == 0 ? 0 : 100.0 * paused.toNanos() / wall);
        }
        long taskSamples = task;
        Map<String, Double> stages = new LinkedHashMap<>();
        stageSamples.forEach((stage, n) -> stages.put(stage, percent(n, taskSamples)));
        Map<String, Double> hotMethods = hot.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(HOT_METHODS)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> percent(e.getValue(), taskSamples), (a, b) -> a,
                        LinkedHashMap::new));
        return new ProfileSummary(gc, taskSamples, stages, hotMethods, threads);
    }

    private static void countTaskSample(List<RecordedFrame> frames, Map<String, Long> stageSamples,
                                        Map<String, Long> hot) {
        if (!frames.isEmpty() && frames.get(0).getMethod() != null) {
            RecordedMethod top = frames.get(0).getMethod();
            hot.merge(top.getType().getName() + "." + top.getName(), 1L, Long::sum);
        }
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : frames) {
            for (Stage stage : STAGES) {
                if (stage.in(frame) && seen.add(stage.name())) {
                    stageSamples.merge(stage.name(), 1L, Long::sum);
                }
            }
        }
    }

    /** Connect names a task's thread {@code task-thread-<connector>-<n>}, a producer's sender after its client id. */
    static String threadKind(String javaName) {
        if (javaName == null) {
            return "other";
        }
        if (javaName.startsWith("task-thread-")) {
            return "task";
        }
        return javaName.startsWith("kafka-producer-network-thread") ? "producer network" : "other";
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    /** The stages, then the hot methods, as a short text (also written next to the recordings). */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append("GC pauses, % of wall time: ").append(gcPausePercent.entrySet().stream()
                .map(e -> String.format("%s %.1f", e.getKey(), e.getValue())).collect(Collectors.joining(", ")))
                .append("\nExecution samples by thread: ").append(threadSamples).append("\n");
        text.append(String.format("Task threads (%d samples), inclusive share per stage:%n", taskSamples));
        stagePercent.forEach((stage, p) -> text.append(String.format("  %5.1f %%  %s%n", p, stage)));
        text.append("Task threads, hottest methods (self):\n");
        hotMethods.forEach((method, p) -> text.append(String.format("  %5.1f %%  %s%n", p, method)));
        return text.toString();
    }
}
