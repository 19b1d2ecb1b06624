package com.example.increment.connect;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Connect's {@code GET /connectors/{name}/status}, as a value. */
public record ConnectorStatus(String name, String state, String workerId, List<TaskStatus> tasks) {

    public record TaskStatus(int id, String state, String workerId, String trace) {
        public boolean running() {
            return "RUNNING".equals(state);
        }
    }

    public boolean running() {
        return "RUNNING".equals(state) && !tasks.isEmpty() && tasks.stream().allMatch(TaskStatus::running);
    }

    /** Task ids grouped by the worker that reports running them: the placement view of balance checks. */
    public Map<String, List<Integer>> tasksByWorker() {
        return tasks.stream().collect(Collectors.groupingBy(TaskStatus::workerId, TreeMap::new,
                Collectors.mapping(TaskStatus::id, Collectors.toList())));
    }

    @Override
    public String toString() {
        return "connector " + name + " " + state + " on " + workerId + ", tasks " + tasks.stream()
                .map(t -> t.id() + "=" + t.state() + "@" + t.workerId()).collect(Collectors.joining(", "));
    }
}
