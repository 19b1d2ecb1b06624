package com.example;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The shape of what Connect stores for a sequence: source partition {"increment": N}, source offset
 * {"position": P}, where P is the last position written (0 = none yet). Values arrive as Long from the offsets
 * topic and as Integer or Long from users' JSON, so any integral {@link Number} is accepted.
 */
public final class IncrementOffsets {

    public static final String INCREMENT_KEY = "increment";
    public static final String POSITION_KEY = "position";

    private IncrementOffsets() {
    }

    public static Map<String, Object> partition(long increment) {
        return Map.of(INCREMENT_KEY, increment);
    }

    public static Map<String, Object> offset(long position) {
        return Map.of(POSITION_KEY, position);
    }

    /** The increment of a source partition; throws a ConnectException saying what is wrong. */
    public static long increment(Map<String, ?> partition) {
        if (partition == null) {
            throw new ConnectException("A source partition is null; expected {\"" + INCREMENT_KEY + "\": N}");
        }
        Object value = partition.get(INCREMENT_KEY);
        if (value == null) {
            throw new ConnectException("Source partition " + partition + " has no '" + INCREMENT_KEY
                    + "'; expected {\"" + INCREMENT_KEY + "\": N} with N a non-zero 64-bit integer");
        }
        if (partition.size() != 1) {
            throw new ConnectException("Source partition " + partition + " has keys other than '" + INCREMENT_KEY
                    + "'; expected exactly {\"" + INCREMENT_KEY + "\": N}");
        }
        long increment = integral(value).orElseThrow(() -> new ConnectException("Source partition " + partition
                + " has '" + INCREMENT_KEY + "' = " + describe(value)
                + "; expected a non-zero 64-bit integer, e.g. {\"" + INCREMENT_KEY + "\": 100}"));
        if (increment == 0) {
            throw new ConnectException("Source partition " + partition + " has '" + INCREMENT_KEY
                    + "' = 0; no sequence has increment 0, expected a non-zero 64-bit integer");
        }
        return increment;
    }

    /** The position of a source offset; throws a ConnectException saying what is wrong. */
    public static long position(Map<String, ?> partition, Map<String, ?> offset) {
        Object value = offset.get(POSITION_KEY);
        if (value == null) {
            throw new ConnectException("Source offset " + offset + " for partition " + partition + " has no '"
                    + POSITION_KEY + "'; expected {\"" + POSITION_KEY + "\": P} with P a whole number >= 0");
        }
        if (offset.size() != 1) {
            throw new ConnectException("Source offset " + offset + " for partition " + partition
                    + " has keys other than '" + POSITION_KEY + "'; expected exactly {\"" + POSITION_KEY + "\": P}");
        }
        long position = integral(value).orElseThrow(() -> new ConnectException("Source offset " + offset
                + " for partition " + partition + " has '" + POSITION_KEY + "' = " + describe(value)
                + "; expected a whole number >= 0 that fits in 64 bits, e.g. {\"" + POSITION_KEY + "\": 42}"));
        if (position < 0) {
            throw new ConnectException("Source offset " + offset + " for partition " + partition + " has '"
                    + POSITION_KEY + "' = " + position + "; positions are >= 0 (0 = nothing written yet)");
        }
        return position;
    }

    /** The value of an integral Number that fits in a long; empty for text, fractions and floating point. */
    static OptionalLong integral(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return OptionalLong.of(((Number) value).longValue());
        }
        try {
            if (value instanceof BigInteger big) {
                return OptionalLong.of(big.longValueExact());
            }
            if (value instanceof BigDecimal decimal) {
                return OptionalLong.of(decimal.longValueExact());
            }
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static String describe(Object value) {
        String text = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        return text + " (" + value.getClass().getSimpleName() + ")";
    }
}
