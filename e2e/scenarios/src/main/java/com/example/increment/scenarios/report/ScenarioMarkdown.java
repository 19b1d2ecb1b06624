package com.example.increment.scenarios.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The report's Markdown: a scenario's page (events, per-sequence table, picture) and the run's summary. */
public final class ScenarioMarkdown {

    private ScenarioMarkdown() {
    }

    public static String page(ScenarioResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(r.id()).append(": ").append(r.title()).append("\n\n");
        sb.append("Cluster: ").append(r.settings()).append("  \n");
        sb.append("Verdict: ").append(r.verdict()).append("\n\n");
        if (!r.findings().isEmpty()) {
            sb.append("Findings:\n\n");
            r.findings().forEach(f -> sb.append("- ").append(f).append('\n'));
            sb.append('\n');
        }
        sb.append("What was done (t = seconds since the scenario's connector was created):\n\n");
        r.events().forEach(e -> sb.append(String.format(Locale.ROOT, "- t=%.1f s: %s%n", r.t(e.at()), e.label())));
        sb.append("\n| sequence | records | gaps (missing) | duplicates | outage (s) | what happened |\n");
        sb.append("|---|---:|---:|---:|---:|---|\n");
        r.sequences().forEach(s -> sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %s |%n",
                s.topic(), s.records(), s.missing(), s.duplicates(), s.outageSeconds(), s.happened())));
        sb.append("\n![timeline of ").append(r.id()).append("](").append(r.id()).append(".png)\n");
        return sb.toString();
    }

    /** One row per scenario: the outage of each sequence, gaps, duplicates and the verdict. */
    public static String summary(List<ScenarioResult> results) {
        StringBuilder sb = new StringBuilder("# e2e scenario report\n\n");
        sb.append("Outage = the longest pause between consecutive record timestamps of a sequence around the "
                + "scenario's disturbance. Pages and timelines: `<scenario>.md`, `<scenario>.png`.\n\n");
        sb.append(table(results));
        return sb.toString();
    }

    /** The summary table alone, as printed to the test log. */
    public static String table(List<ScenarioResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | cluster | outage per sequence (s) | longest (s) | gaps | duplicates | verdict |\n");
        sb.append("|---|---|---|---:|---:|---:|---|\n");
        for (ScenarioResult r : results) {
            String outages = r.sequences().stream().map(s -> String.format(Locale.ROOT, "%s %.1f",
                    s.topic(), s.outageSeconds())).collect(Collectors.joining(", "));
            sb.append(String.format(Locale.ROOT, "| [%s](%s.md) %s | %s | %s | %.1f | %d | %d | %s |%n", r.id(),
                    r.id(), r.title(), r.settings(), outages, r.longestOutage().toMillis() / 1000.0,
                    r.sequences().stream().mapToLong(SequenceOutcome::missing).sum(),
                    r.sequences().stream().mapToLong(SequenceOutcome::duplicates).sum(), r.verdict()));
        }
        return sb.toString();
    }
}
