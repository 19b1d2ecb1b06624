package com.example;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one number sequence per configured increment N to the topic {@code topic.prefix + N}: the classic
 * IncrementSourceConnector. The sequences are split across at most {@code tasks.max} tasks.
 */
public class IncrementSourceConnector extends SourceConnector {

    private static final Logger log = LoggerFactory.getLogger(IncrementSourceConnector.class);

    private Map<String, String> props;
    private IncrementSourceConfig config;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.config = parse(props);
        this.props = new HashMap<>(props);
        log.info("Starting IncrementSourceConnector {}: increments {}, topic prefix '{}', {}", version(),
                join(config.increments()), config.topicPrefix(), config.unthrottled()
                        ? "unthrottled (" + config.batchSize() + " records per sequence per poll)"
                        : config.recordsPerSecond() + " records per second per sequence");
    }

    @Override
    public Class<? extends Task> taskClass() {
        return IncrementSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks must be at least 1, was " + maxTasks);
        }
        List<Long> increments = config.increments();
        List<List<Long>> groups = ConnectorUtils.groupPartitions(increments, Math.min(maxTasks, increments.size()));
        List<Map<String, String>> taskConfigs = new ArrayList<>(groups.size());
        for (List<Long> group : groups) {
            Map<String, String> taskConfig = new HashMap<>(props);
            taskConfig.put(IncrementSourceConfig.TASK_INCREMENTS_CONFIG, join(group));
            log.info("Task config: (prefix: {}, increments {})", config.topicPrefix(), join(group));
            taskConfigs.add(taskConfig);
        }
        return taskConfigs;
    }

    @Override
    public void stop() {
        log.info("Stopping IncrementSourceConnector");
        config = null;
        props = null;
    }

    @Override
    public ConfigDef config() {
        return IncrementSourceConfig.configDef();
    }

    /** Field checks from the ConfigDef, plus the cross-field check on topic name length, attached to the field. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = result.configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        ConfigValue increments = values.get(IncrementSourceConfig.INCREMENTS_CONFIG);
        ConfigValue prefix = values.get(IncrementSourceConfig.TOPIC_PREFIX_CONFIG);
        if (increments.errorMessages().isEmpty() && prefix.errorMessages().isEmpty()
                && increments.value() instanceof List<?> list && prefix.value() instanceof String topicPrefix) {
            List<Long> parsed = IncrementSourceConfig.parseIncrements(list.stream().map(String::valueOf).toList());
            IncrementSourceConfig.topicLengthError(topicPrefix, parsed)
                    .ifPresent(error -> prefix.addErrorMessage(error.getMessage()));
        }
        return result;
    }

    /** Exactly-once holds: every record is a pure function of its sequence's stored offset. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /** Checks offsets given to the Connect REST API (KIP-875) or Strimzi; null offsets reset a sequence. */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            long increment = IncrementOffsets.increment(entry.getKey());
            if (entry.getValue() == null) {
                log.info("Offset of increment {} will be reset: its sequence starts again at position 1", increment);
            } else {
                long position = IncrementOffsets.position(entry.getKey(), entry.getValue());
                log.info("Offset of increment {} will be set to position {}: its sequence resumes at {}",
                        increment, position, position + 1);
            }
        }
        return true;
    }

    /** Parses connector or task settings; bad input fails start() with the message validate() shows. */
    static <T> T parse(Function<Map<String, String>, T> parser, Map<String, String> props, String what) {
        try {
            return parser.apply(props);
        } catch (ConfigException e) {
            throw new ConnectException(what + " cannot start: " + e.getMessage(), e);
        }
    }

    private static IncrementSourceConfig parse(Map<String, String> props) {
        return parse(IncrementSourceConfig::new, props, "IncrementSourceConnector");
    }

    static String join(List<Long> increments) {
        return increments.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
