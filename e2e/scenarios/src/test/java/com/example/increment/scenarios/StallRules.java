package com.example.increment.scenarios;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain rules file (helm/files/prometheus-rules.yml) as the chart adapts it to a cluster's settings
 * (templates/prometheusrule.yaml): IncrementSequenceStalled's threshold and {@code for} set, nothing else changed.
 */
final class StallRules {

    static final String ALERT = "IncrementSequenceStalled";
    private static final Pattern THRESHOLD = Pattern.compile("(?m)^(\\s*)> [0-9]+\\s*$");
    private static final Pattern FOR = Pattern.compile("(?m)^(\\s*)for: \\S+$");

    private StallRules() {
    }

    static String adapted(String rules, Duration threshold, Duration forDuration) {
        int[] block = block(rules);
        String alert = rules.substring(block[0], block[1]);
        alert = replaceOnce(THRESHOLD, alert, "$1> " + threshold.toSeconds());
        alert = replaceOnce(FOR, alert, "$1for: " + forDuration.toMillis() + "ms");
        return rules.substring(0, block[0]) + alert + rules.substring(block[1]);
    }

    /** The alert's expression without its threshold: the seconds since each sequence's last record that it compares. */
    static String measure(String rules) {
        int[] block = block(rules);
        String alert = rules.substring(block[0], block[1]);
        Matcher threshold = THRESHOLD.matcher(alert);
        if (!threshold.find()) {
            throw new IllegalStateException(ALERT + " has no threshold line");
        }
        return alert.substring(alert.indexOf("expr: |") + "expr: |".length(), threshold.start()).strip();
    }

    private static int[] block(String rules) {
        int start = rules.indexOf("- alert: " + ALERT);
        if (start < 0) {
            throw new IllegalStateException("No alert " + ALERT + " in the rules");
        }
        int end = rules.indexOf("- alert:", start + 1);
        return new int[] {start, end < 0 ? rules.length() : end};
    }

    private static String replaceOnce(Pattern pattern, String text, String replacement) {
        Matcher m = pattern.matcher(text);
        if (!m.find() || m.find()) {
            throw new IllegalStateException(ALERT + " should have exactly one line matching " + pattern);
        }
        return pattern.matcher(text).replaceFirst(replacement);
    }
}
