package com.example;

/** What a task reports to the worker's metrics; {@link #NONE} on workers older than Kafka 4.1. */
interface TaskMetrics extends AutoCloseable {

    TaskMetrics NONE = new TaskMetrics() {
        @Override
        public void recordsEmitted(int count) {
        }

        @Override
        public void close() {
        }
    };

    void recordsEmitted(int count);

    @Override
    void close();
}
