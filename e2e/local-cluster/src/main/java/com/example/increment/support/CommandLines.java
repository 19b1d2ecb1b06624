package com.example.increment.support;

import java.time.Duration;
import java.util.Locale;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The one way the project's commands read their options: picocli on an annotated options object, with converters
 * whose errors name the value and what would be valid. Bad input becomes an {@link IllegalArgumentException} with
 * the usage appended, which each main prints and exits 2 on.
 */
public final class CommandLines {

    private CommandLines() {
    }

    /** Fills {@code options} from {@code args}; throws {@link IllegalArgumentException} naming what was wrong. */
    public static <T> T parse(T options, String... args) {
        CommandLine commandLine = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            commandLine.parseArgs(args);
            return options;
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + "\n" + commandLine.getUsageMessage().strip(), e);
        }
    }

    /** A TCP port, 1..65535. */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port = new Positive().convert(value);
            if (port > 65535) {
                throw new TypeConversionException("'" + value + "' is not a port; use 1..65535");
            }
            return port;
        }
    }

    /** A whole number of at least 1. */
    public static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException notANumber) {
                // reported below with what would be valid
            }
            throw new TypeConversionException("'" + value + "' is not a positive whole number");
        }
    }

    /** A JVM heap size as -Xmx takes it: 512m, 1g. */
    public static final class HeapSize implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.matches("\\d+[kKmMgG]?")) {
                throw new TypeConversionException("'" + value + "' is not a JVM heap size such as 512m or 1g");
            }
            return value;
        }
    }

    /** A duration as people write it: 500ms, 10s, 2m, 1h (a bare number is seconds). */
    public static final class Time implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String t = value.strip().toLowerCase(Locale.ROOT);
            try {
                if (t.endsWith("ms")) {
                    return nonNegative(value, Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))));
                }
                long amount = Long.parseLong(t.replaceAll("[smh]$", ""));
                return nonNegative(value, switch (t.charAt(t.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofSeconds(amount);
                });
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 10s, 2m or 1h");
            }
        }

        private static Duration nonNegative(String value, Duration d) {
            if (d.isNegative()) {
                throw new TypeConversionException("'" + value + "' is negative; use 0 or more, e.g. 10s");
            }
            return d;
        }
    }
}
