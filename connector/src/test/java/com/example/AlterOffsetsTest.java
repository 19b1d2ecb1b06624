package com.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The checks behind the Connect offsets REST API (KIP-875) and Strimzi's alter/reset annotations. */
class AlterOffsetsTest {

    private final IncrementSourceConnector connector = new IncrementSourceConnector();

    private boolean alter(Map<String, ?> partition, Map<String, ?> offset) {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(partition, offset);
        return connector.alterOffsets(TestConfigs.defaults(), offsets);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(Map.of("increment", 1L), Map.of("position", 41L)),
                Arguments.of(Map.of("increment", 100), Map.of("position", 0)),
                Arguments.of(Map.of("increment", -5), Map.of("position", Long.MAX_VALUE)),
                Arguments.of(Map.of("increment", BigInteger.valueOf(7)), Map.of("position", new BigDecimal("12"))),
                Arguments.of(Map.of("increment", (short) 3), Map.of("position", (byte) 9)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("accepted")
    void acceptsIntegralNumbersAsUsersHandThemIn(Map<String, ?> partition, Map<String, ?> offset) {
        assertThat(alter(partition, offset)).isTrue();
    }

    @Test
    void acceptsANullOffsetAsAReset() {
        assertThat(alter(Map.of("increment", 1L), null)).isTrue();
    }

    @Test
    void acceptsSeveralAtOnce() {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(Map.of("increment", 1L), Map.of("position", 10L));
        offsets.put(Map.of("increment", 100L), null);

        assertThat(connector.alterOffsets(TestConfigs.defaults(), offsets)).isTrue();
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of(Map.of("table", 1), Map.of("position", 1), List.of("{table=1}", "has no 'increment'")),
                Arguments.of(Map.of(), Map.of("position", 1), List.of("has no 'increment'")),
                Arguments.of(Map.of("increment", "1"), Map.of("position", 1),
                        List.of("'increment' = \"1\" (String)", "non-zero 64-bit integer")),
                Arguments.of(Map.of("increment", 1.5), Map.of("position", 1), List.of("'increment' = 1.5 (Double)")),
                Arguments.of(Map.of("increment", 0), Map.of("position", 1), List.of("'increment' = 0")),
                Arguments.of(Map.of("increment", new BigInteger("99999999999999999999")), Map.of("position", 1),
                        List.of("99999999999999999999 (BigInteger)")),
                Arguments.of(Map.of("increment", 1, "extra", 2), Map.of("position", 1),
                        List.of("keys other than 'increment'")),
                Arguments.of(Map.of("increment", 1), Map.of(), List.of("has no 'position'")),
                Arguments.of(Map.of("increment", 1), Map.of("offset", 5), List.of("{offset=5}", "has no 'position'")),
                Arguments.of(Map.of("increment", 1), Map.of("position", -1),
                        List.of("'position' = -1", "positions are >= 0")),
                Arguments.of(Map.of("increment", 1), Map.of("position", "5"),
                        List.of("'position' = \"5\" (String)", "whole number >= 0")),
                Arguments.of(Map.of("increment", 1), Map.of("position", 2.5), List.of("'position' = 2.5 (Double)")),
                Arguments.of(Map.of("increment", 1), Map.of("position", new BigDecimal("2.5")),
                        List.of("2.5 (BigDecimal)")),
                Arguments.of(Map.of("increment", 1), Map.of("position", 5, "extra", true),
                        List.of("keys other than 'position'")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rejected")
    void rejectsSayingWhatIsWrong(Map<String, ?> partition, Map<String, ?> offset, List<String> expected) {
        assertThatThrownBy(() -> alter(partition, offset))
                .isInstanceOf(ConnectException.class)
                .hasMessageContainingAll(expected.toArray(String[]::new));
    }

    @Test
    void rejectsANullPartition() {
        assertThatThrownBy(() -> alter(null, Map.of("position", 1)))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("null");
    }
}
