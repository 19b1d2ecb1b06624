package com.example;

import static com.example.IncrementSourceConfig.BATCH_SIZE_CONFIG;
import static com.example.IncrementSourceConfig.INCREMENTS_CONFIG;
import static com.example.IncrementSourceConfig.MAX_UNACKNOWLEDGED_RECORDS_CONFIG;
import static com.example.IncrementSourceConfig.RECORDS_PER_SECOND_CONFIG;
import static com.example.IncrementSourceConfig.TASK_INCREMENTS_CONFIG;
import static com.example.IncrementSourceConfig.TOPIC_PREFIX_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IncrementSourceConfigTest {

    private static final String PREFIX_247 = "p".repeat(247);

    @Test
    void labConfigParsesWithDefaults() {
        IncrementSourceConfig config = new IncrementSourceConfig(TestConfigs.defaults());

        assertThat(config.increments()).containsExactly(1L, 100L);
        assertThat(config.topicPrefix()).isEqualTo("seq_");
        assertThat(config.topic(100)).isEqualTo("seq_100");
        assertThat(config.recordsPerSecond()).isEqualTo(10);
        assertThat(config.unthrottled()).isFalse();
        assertThat(config.batchSize()).isEqualTo(1000);
    }

    @Test
    void acceptsNegativeAndExtremeIncrementsWithSpaces() {
        IncrementSourceConfig config = new IncrementSourceConfig(TestConfigs.props(INCREMENTS_CONFIG,
                " 7, -3 ,9223372036854775807,-9223372036854775808", RECORDS_PER_SECOND_CONFIG, "0",
                BATCH_SIZE_CONFIG, "5"));

        assertThat(config.increments()).containsExactly(7L, -3L, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(config.topic(-3)).isEqualTo("seq_-3");
        assertThat(config.unthrottled()).isTrue();
        assertThat(config.batchSize()).isEqualTo(5);
    }

    @Test
    void acceptsThePrefixThatMakesExactlyTheLongestTopic() {
        IncrementSourceConfig config = new IncrementSourceConfig(
                TestConfigs.labWith(TOPIC_PREFIX_CONFIG, "p".repeat(246)));

        assertThat(config.topic(100)).hasSize(249);
    }

    /** Every bad input: the field it is reported on, and what the message must say (the value, what is valid). */
    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("missing increments", TestConfigs.labWith(INCREMENTS_CONFIG, null), INCREMENTS_CONFIG,
                        List.of("increments", "no default value")),
                Arguments.of("empty increments", TestConfigs.labWith(INCREMENTS_CONFIG, ""), INCREMENTS_CONFIG,
                        List.of("at least one increment", "e.g. 1,100")),
                Arguments.of("blank increments", TestConfigs.labWith(INCREMENTS_CONFIG, "  "), INCREMENTS_CONFIG,
                        List.of("at least one increment")),
                Arguments.of("a,b", TestConfigs.labWith(INCREMENTS_CONFIG, "a,b"), INCREMENTS_CONFIG,
                        List.of("Invalid value a,b", "'a' is not a non-zero whole number between "
                                + Long.MIN_VALUE + " and " + Long.MAX_VALUE)),
                Arguments.of("an empty element", TestConfigs.labWith(INCREMENTS_CONFIG, "1,,2"), INCREMENTS_CONFIG,
                        List.of("'' is not a non-zero whole number")),
                Arguments.of("a fraction", TestConfigs.labWith(INCREMENTS_CONFIG, "1.5"), INCREMENTS_CONFIG,
                        List.of("'1.5' is not a non-zero whole number")),
                Arguments.of("0", TestConfigs.labWith(INCREMENTS_CONFIG, "0"), INCREMENTS_CONFIG,
                        List.of("Invalid value 0", "0 is not a valid increment", "use a non-zero whole number")),
                Arguments.of("0 among others", TestConfigs.labWith(INCREMENTS_CONFIG, "1,0,5"), INCREMENTS_CONFIG,
                        List.of("Invalid value 1,0,5", "0 is not a valid increment")),
                Arguments.of("1,1", TestConfigs.labWith(INCREMENTS_CONFIG, "1,1"), INCREMENTS_CONFIG,
                        List.of("Invalid value 1,1", "1 is listed twice", "list it once")),
                Arguments.of("duplicates spelled differently", TestConfigs.labWith(INCREMENTS_CONFIG, "7,+7"),
                        INCREMENTS_CONFIG, List.of("7 is listed twice")),
                Arguments.of("beyond 64 bits", TestConfigs.labWith(INCREMENTS_CONFIG, "99999999999999999999"),
                        INCREMENTS_CONFIG, List.of("Invalid value 99999999999999999999",
                                "'99999999999999999999' is not a non-zero whole number between "
                                        + Long.MIN_VALUE + " and " + Long.MAX_VALUE)),
                Arguments.of("a prefix with /", TestConfigs.labWith(TOPIC_PREFIX_CONFIG, "seq/"), TOPIC_PREFIX_CONFIG,
                        List.of("Invalid value 'seq/'", "contains '/'", "ASCII letters, digits, '.', '_' and '-'")),
                Arguments.of("a prefix with spaces", TestConfigs.labWith(TOPIC_PREFIX_CONFIG, "my seq"),
                        TOPIC_PREFIX_CONFIG, List.of("Invalid value 'my seq'", "contains ' '",
                                "ASCII letters, digits, '.', '_' and '-'")),
                Arguments.of("a prefix with non-ASCII letters", TestConfigs.labWith(TOPIC_PREFIX_CONFIG, "séq_"),
                        TOPIC_PREFIX_CONFIG, List.of("contains 'é'")),
                Arguments.of("a prefix that makes a 250-character topic", TestConfigs.labWith(TOPIC_PREFIX_CONFIG,
                        PREFIX_247), TOPIC_PREFIX_CONFIG, List.of("Invalid value 'ppppp", "with increment 100",
                        "is 250 characters long", "at most 249", "use a prefix of at most 246 characters")),
                Arguments.of("a prefix too long for any topic", TestConfigs.labWith(TOPIC_PREFIX_CONFIG,
                        "q".repeat(300)), TOPIC_PREFIX_CONFIG, List.of("is 300 characters long", "249")),
                Arguments.of("a negative rate", TestConfigs.labWith(RECORDS_PER_SECOND_CONFIG, "-1"),
                        RECORDS_PER_SECOND_CONFIG, List.of("Invalid value -1", "[0,...,1000000]",
                                "0 (unthrottled) or records per second per sequence")),
                Arguments.of("a rate that is not a number", TestConfigs.labWith(RECORDS_PER_SECOND_CONFIG, "fast"),
                        RECORDS_PER_SECOND_CONFIG, List.of("fast", "records.per.second")),
                Arguments.of("a zero batch size", TestConfigs.labWith(BATCH_SIZE_CONFIG, "0"), BATCH_SIZE_CONFIG,
                        List.of("Invalid value 0", "[1,...,100000]")),
                Arguments.of("a negative bound on unacknowledged records",
                        TestConfigs.labWith(MAX_UNACKNOWLEDGED_RECORDS_CONFIG, "-5"), MAX_UNACKNOWLEDGED_RECORDS_CONFIG,
                        List.of("Invalid value -5", "[0,...,10000000]", "0 (no bound) or records per task")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void validateAttachesTheErrorToTheField(String description, Map<String, String> props, String field,
                                            List<String> expected) {
        List<ConfigValue> values = new IncrementSourceConnector().validate(props).configValues();

        ConfigValue value = values.stream().filter(v -> v.name().equals(field)).findFirst().orElseThrow();
        assertThat(value.errorMessages()).as("errors of %s", field).hasSize(1);
        assertThat(value.errorMessages().get(0)).contains(expected);
        assertThat(values).filteredOn(v -> !v.name().equals(field))
                .allSatisfy(other -> assertThat(other.errorMessages()).as(other.name()).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void connectorStartRefusesWithTheMessageValidateShows(String description, Map<String, String> props,
                                                          String field, List<String> expected) {
        String shown = new IncrementSourceConnector().validate(props).configValues().stream()
                .filter(v -> v.name().equals(field)).findFirst().orElseThrow().errorMessages().get(0);

        assertThatThrownBy(() -> new IncrementSourceConnector().start(props))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining(shown);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void taskStartRefusesBeforeTouchingOffsets(String description, Map<String, String> props, String field,
                                               List<String> expected) {
        props.put(TASK_INCREMENTS_CONFIG, "1");
        SourceTaskContext context = mock(SourceTaskContext.class);
        IncrementSourceTask task = new IncrementSourceTask();
        task.initialize(context);

        assertThatThrownBy(() -> task.start(props))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining(field)
                .hasMessageContaining(expected.get(expected.size() - 1));
        verifyNoInteractions(context);
    }

    @Test
    void validateAcceptsTheLabConfig() {
        assertThat(new IncrementSourceConnector().validate(TestConfigs.defaults()).configValues())
                .allSatisfy(value -> assertThat(value.errorMessages()).as(value.name()).isEmpty());
    }

    @Test
    void taskRefusesAnIncrementTheConnectorDoesNotHave() {
        Map<String, String> props = TestConfigs.labWith(TASK_INCREMENTS_CONFIG, "1,7");

        assertThatThrownBy(() -> new IncrementSourceTaskConfig(props))
                .hasMessageContaining("Invalid value 1,7 for configuration task.increments")
                .hasMessageContaining("one of increments=1,100");
    }

    @Test
    void taskNeedsItsShare() {
        assertThatThrownBy(() -> new IncrementSourceTaskConfig(TestConfigs.defaults()))
                .hasMessageContaining("task.increments");
    }

    @Test
    void validatorsSayWhatIsValid() {
        var keys = IncrementSourceConfig.configDef().configKeys();

        assertThat(keys.get(INCREMENTS_CONFIG).validator)
                .hasToString("a non-empty list of distinct, non-zero 64-bit integers, e.g. 1,100");
        assertThat(keys.get(TOPIC_PREFIX_CONFIG).validator).hasToString(
                "ASCII letters, digits, '.', '_' and '-', with prefix + increment at most 249 characters");
        assertThat(keys.get(RECORDS_PER_SECOND_CONFIG).validator)
                .hasToString("[0,...,1000000]: 0 (unthrottled) or records per second per sequence");
        assertThat(keys.get(BATCH_SIZE_CONFIG).validator)
                .hasToString("[1,...,100000]: records per sequence per poll");
        assertThat(keys.get(MAX_UNACKNOWLEDGED_RECORDS_CONFIG).validator)
                .hasToString("[0,...,10000000]: 0 (no bound) or records per task");
    }

    @Test
    void usersSeeOnlyTheirSettings() {
        assertThat(IncrementSourceConfig.configDef().names())
                .containsExactlyInAnyOrder(INCREMENTS_CONFIG, TOPIC_PREFIX_CONFIG, RECORDS_PER_SECOND_CONFIG,
                        BATCH_SIZE_CONFIG, MAX_UNACKNOWLEDGED_RECORDS_CONFIG);
        assertThat(IncrementSourceConfig.taskConfigDef().configKeys().get(TASK_INCREMENTS_CONFIG).internalConfig)
                .isTrue();
    }

    @Test
    void theBoundOnUnacknowledgedRecordsIsOffOnlyWithIntervalTransactions() {
        assertThat(new IncrementSourceConfig(TestConfigs.defaults()).unacknowledgedLimit()).isEqualTo(10_000);
        assertThat(new IncrementSourceConfig(TestConfigs.labWith(MAX_UNACKNOWLEDGED_RECORDS_CONFIG, "0"))
                .unacknowledgedLimit()).isZero();
        assertThat(new IncrementSourceConfig(TestConfigs.labWith("transaction.boundary", "poll"))
                .unacknowledgedLimit()).isEqualTo(10_000);
        assertThat(new IncrementSourceConfig(TestConfigs.labWith("transaction.boundary", " Interval "))
                .unacknowledgedLimit()).isZero();
    }
}
