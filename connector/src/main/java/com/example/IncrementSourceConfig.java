package com.example;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The IncrementSource settings, parsed once and read through typed getters. */
public class IncrementSourceConfig extends AbstractConfig {

    public static final String INCREMENTS_CONFIG = "increments";
    private static final String INCREMENTS_DOC = "The sequences to produce, one per increment N: sequence N writes "
            + "N, 2N, 3N, ... to the topic '<topic.prefix>N', keyed by N. A comma-separated list of distinct, "
            + "non-zero 64-bit integers, e.g. 1,100. The sequences are split across at most tasks.max tasks.";

    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    public static final String DEFAULT_TOPIC_PREFIX = "seq_";
    private static final String TOPIC_PREFIX_DOC = "Prefix of the topic names: sequence N writes to '<topic.prefix>N' "
            + "(seq_1, seq_100). Only the characters Kafka allows in topic names (ASCII letters, digits, '.', '_', "
            + "'-'), and short enough that every resulting topic name fits Kafka's limit of "
            + IncrementSourceConfig.MAX_TOPIC_LENGTH + " characters.";

    public static final String RECORDS_PER_SECOND_CONFIG = "records.per.second";
    public static final int DEFAULT_RECORDS_PER_SECOND = 10;
    public static final int MAX_RECORDS_PER_SECOND = 1_000_000;
    private static final String RECORDS_PER_SECOND_DOC = "How fast each sequence advances, in records per second "
            + "per sequence. The default is a pace a person can watch. 0 runs unthrottled: every poll returns "
            + "batch.size records per sequence, for benchmarks.";

    public static final String BATCH_SIZE_CONFIG = "batch.size";
    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final int MAX_BATCH_SIZE = 100_000;
    private static final String BATCH_SIZE_DOC = "The most records one poll returns per sequence: the batch size "
            + "when unthrottled (records.per.second=0), and the most a throttled sequence catches up in one poll "
            + "after a pause.";

    public static final String MAX_UNACKNOWLEDGED_RECORDS_CONFIG = "max.unacknowledged.records";
    /**
     * Enough to keep a producer busy (it has a few 16 KiB batches per partition in flight, a few hundred records
     * each), few enough to stay a small part of a worker's heap.
     */
    public static final int DEFAULT_MAX_UNACKNOWLEDGED_RECORDS = 10_000;
    /** Far above any useful bound: 10 million small records already take gigabytes of a worker's heap. */
    public static final int MAX_MAX_UNACKNOWLEDGED_RECORDS = 10_000_000;
    private static final String MAX_UNACKNOWLEDGED_RECORDS_DOC = "How many records a task may have handed to Connect "
            + "that Kafka has not acknowledged yet: at this many or more, poll() returns nothing until "
            + "acknowledgements bring the count down to half of it (a poll may then return a whole batch, so up "
            + "to this many plus one batch are in flight). Without it Connect keeps polling while its producer sends and holds every unacknowledged "
            + "record on the worker's heap, up to the producer's buffer.memory (32 MiB: hundreds of thousands of "
            + "these small records). 0 means no bound. Not "
            + "applied with transaction.boundary=interval, where Connect acknowledges records only when it "
            + "commits a transaction.";

    /** Connect's connector key for exactly-once transaction boundaries, and its value that defers acknowledgements. */
    static final String TRANSACTION_BOUNDARY_CONFIG = "transaction.boundary";
    static final String INTERVAL_TRANSACTION_BOUNDARY = "interval";

    /** Task-only key: the increments assigned to one task, set by the connector, never by users. */
    public static final String TASK_INCREMENTS_CONFIG = "task.increments";
    private static final String TASK_INCREMENTS_DOC = "Internal: the increments assigned to this task by "
            + "IncrementSourceConnector.taskConfigs; each is one of 'increments'.";

    /** Kafka's limit on topic name length (Topic.MAX_NAME_LENGTH). */
    public static final int MAX_TOPIC_LENGTH = 249;
    private static final Pattern LEGAL_TOPIC_CHARS = Pattern.compile("[a-zA-Z0-9._-]*");
    private static final String GROUP = "Sequences";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(INCREMENTS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new IncrementsValidator(INCREMENTS_CONFIG),
                    Importance.HIGH, INCREMENTS_DOC, GROUP, 1, ConfigDef.Width.MEDIUM, "Increments")
            .define(TOPIC_PREFIX_CONFIG, Type.STRING, DEFAULT_TOPIC_PREFIX, new TopicPrefixValidator(),
                    Importance.HIGH, TOPIC_PREFIX_DOC, GROUP, 2, ConfigDef.Width.MEDIUM, "Topic prefix")
            .define(RECORDS_PER_SECOND_CONFIG, Type.INT, DEFAULT_RECORDS_PER_SECOND,
                    new RangeValidator(0, MAX_RECORDS_PER_SECOND, "0 (unthrottled) or records per second per sequence"),
                    Importance.MEDIUM, RECORDS_PER_SECOND_DOC, GROUP, 3, ConfigDef.Width.SHORT, "Records per second")
            .define(BATCH_SIZE_CONFIG, Type.INT, DEFAULT_BATCH_SIZE,
                    new RangeValidator(1, MAX_BATCH_SIZE, "records per sequence per poll"),
                    Importance.LOW, BATCH_SIZE_DOC, GROUP, 4, ConfigDef.Width.SHORT, "Batch size")
            .define(MAX_UNACKNOWLEDGED_RECORDS_CONFIG, Type.INT, DEFAULT_MAX_UNACKNOWLEDGED_RECORDS,
                    new RangeValidator(0, MAX_MAX_UNACKNOWLEDGED_RECORDS, "0 (no bound) or records per task"),
                    Importance.LOW, MAX_UNACKNOWLEDGED_RECORDS_DOC, GROUP, 5, ConfigDef.Width.SHORT,
                    "Max unacknowledged records");

    private static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
            .defineInternal(TASK_INCREMENTS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    new IncrementsValidator(TASK_INCREMENTS_CONFIG), Importance.HIGH, TASK_INCREMENTS_DOC);

    private final List<Long> increments;

    /** Parses and checks connector settings; a bad value fails with a ConfigException naming it. */
    public IncrementSourceConfig(Map<String, String> props) {
        this(CONFIG_DEF, props);
    }

    @SuppressWarnings("this-escape") // reads its own parsed values, which AbstractConfig has set by now
    protected IncrementSourceConfig(ConfigDef definition, Map<String, String> props) {
        super(definition, props, false);
        this.increments = parseIncrements(getList(INCREMENTS_CONFIG));
        topicLengthError(topicPrefix(), increments).ifPresent(error -> {
            throw error;
        });
    }

    /** The settings users write; what {@code config()} returns and the config reference documents. */
    public static ConfigDef configDef() {
        return CONFIG_DEF;
    }

    /** The connector's settings plus the task-only {@value #TASK_INCREMENTS_CONFIG}. */
    public static ConfigDef taskConfigDef() {
        return TASK_CONFIG_DEF;
    }

    public List<Long> increments() {
        return increments;
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX_CONFIG);
    }

    public String topic(long increment) {
        return topicPrefix() + increment;
    }

    public int recordsPerSecond() {
        return getInt(RECORDS_PER_SECOND_CONFIG);
    }

    public boolean unthrottled() {
        return recordsPerSecond() == 0;
    }

    public int batchSize() {
        return getInt(BATCH_SIZE_CONFIG);
    }

    /**
     * The bound on a task's unacknowledged records, 0 for none. None with transaction.boundary=interval: Connect
     * then calls commitRecord only after each transaction commit, on its own clock, so a bound would stall the task
     * until the next commit instead of following the broker.
     */
    public int unacknowledgedLimit() {
        String boundary = originalsStrings().get(TRANSACTION_BOUNDARY_CONFIG);
        if (boundary != null && INTERVAL_TRANSACTION_BOUNDARY.equalsIgnoreCase(boundary.strip())) {
            return 0;
        }
        return getInt(MAX_UNACKNOWLEDGED_RECORDS_CONFIG);
    }

    /**
     * The cross-field check: every topic {@code prefix + N} within Kafka's length limit. Returns the error
     * for {@value #TOPIC_PREFIX_CONFIG} when one is too long.
     */
    static Optional<ConfigException> topicLengthError(String prefix, List<Long> increments) {
        if (prefix == null || increments.isEmpty()) {
            return Optional.empty();
        }
        String longest = increments.stream().map(String::valueOf).reduce((a, b) -> b.length() > a.length() ? b : a)
                .orElseThrow();
        int length = prefix.length() + longest.length();
        if (length <= MAX_TOPIC_LENGTH) {
            return Optional.empty();
        }
        String problem = String.format("with increment %s the topic name '%s' is %d characters long, but Kafka "
                        + "allows at most %d; use a prefix of at most %d characters",
                longest, abbreviate(prefix + longest), length, MAX_TOPIC_LENGTH, MAX_TOPIC_LENGTH - longest.length());
        return Optional.of(new ConfigException(TOPIC_PREFIX_CONFIG, "'" + abbreviate(prefix) + "'", problem));
    }

    static List<Long> parseIncrements(List<String> values) {
        List<Long> parsed = new ArrayList<>(values.size());
        for (String value : values) {
            parsed.add(Long.parseLong(value.trim()));
        }
        return List.copyOf(parsed);
    }

    static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 20) + "..." + value.substring(value.length() - 17);
    }

    /** A list of distinct, non-zero 64-bit integers, with at least one. */
    static final class IncrementsValidator implements ConfigDef.Validator {
        private final String name;

        IncrementsValidator(String name) {
            this.name = name;
        }

        @Override
        public void ensureValid(String configName, Object value) {
            if (value == null) {
                return; // missing or unparsable: ConfigDef has reported it already
            }
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                throw new ConfigException(name, "''", "list at least one increment, e.g. 1,100");
            }
            Set<Long> seen = new HashSet<>();
            for (Object element : list) {
                String text = String.valueOf(element).trim();
                long increment;
                try {
                    increment = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new ConfigException(name, joined(list), "'" + text + "' is not " + describe());
                }
                if (increment == 0) {
                    throw new ConfigException(name, joined(list),
                            "0 is not a valid increment (its sequence would never advance); use " + describe());
                }
                if (!seen.add(increment)) {
                    throw new ConfigException(name, joined(list),
                            increment + " is listed twice; each increment is one sequence, so list it once");
                }
            }
        }

        private static String describe() {
            return "a non-zero whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
        }

        private static String joined(List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }

        @Override
        public String toString() {
            return "a non-empty list of distinct, non-zero 64-bit integers, e.g. 1,100";
        }
    }

    /** Only the characters Kafka accepts in topic names. */
    static final class TopicPrefixValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String prefix = (String) value;
            if (prefix == null) {
                return; // missing or unparsable: ConfigDef has reported it already
            }
            if (!LEGAL_TOPIC_CHARS.matcher(prefix).matches()) {
                String illegal = prefix.codePoints()
                        .filter(c -> !LEGAL_TOPIC_CHARS.matcher(Character.toString(c)).matches())
                        .distinct()
                        .mapToObj(c -> "'" + Character.toString(c) + "'")
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("");
                throw new ConfigException(name, "'" + prefix + "'", "contains " + illegal
                        + ", which Kafka does not allow in topic names; use " + this);
            }
            if (prefix.length() >= MAX_TOPIC_LENGTH) {
                throw new ConfigException(name, "'" + abbreviate(prefix) + "'", "is " + prefix.length()
                        + " characters long, so no topic name made from it fits Kafka's limit of "
                        + MAX_TOPIC_LENGTH + " characters; use " + this);
            }
        }

        @Override
        public String toString() {
            return "ASCII letters, digits, '.', '_' and '-', with prefix + increment at most "
                    + MAX_TOPIC_LENGTH + " characters";
        }
    }

    /** An inclusive integer range whose description says what the number means. */
    static final class RangeValidator implements ConfigDef.Validator {
        private final int min;
        private final int max;
        private final String meaning;

        RangeValidator(int min, int max, String meaning) {
            this.min = min;
            this.max = max;
            this.meaning = meaning;
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return; // missing or unparsable: ConfigDef has reported it already
            }
            int number = (Integer) value;
            if (number < min || number > max) {
                throw new ConfigException(name, value, "must be " + this);
            }
        }

        @Override
        public String toString() {
            return "[" + min + ",...," + max + "]: " + meaning;
        }
    }
}
