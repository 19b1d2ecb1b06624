package com.example;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

/** A task's settings: the connector's, plus the increments the connector assigned to this task. */
public class IncrementSourceTaskConfig extends IncrementSourceConfig {

    private final List<Long> taskIncrements;

    @SuppressWarnings("this-escape") // reads its own parsed values, which AbstractConfig has set by now
    public IncrementSourceTaskConfig(Map<String, String> props) {
        super(taskConfigDef(), props);
        this.taskIncrements = parseIncrements(getList(TASK_INCREMENTS_CONFIG));
        if (!new HashSet<>(increments()).containsAll(taskIncrements)) {
            throw new ConfigException(TASK_INCREMENTS_CONFIG, IncrementSourceConnector.join(taskIncrements),
                    "every task increment must be one of " + INCREMENTS_CONFIG + "="
                            + IncrementSourceConnector.join(increments()));
        }
    }

    /** The increments whose sequences this task writes. */
    public List<Long> taskIncrements() {
        return taskIncrements;
    }
}
