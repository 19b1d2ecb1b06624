package com.example.increment.local.monitoring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Prometheus configuration for the local workers: one scrape job named as the chart's PodMonitor names it
 * ({@value #JOB}), a {@code pod} label per worker, and the given rule files evaluated at {@code evaluationInterval}.
 * Short intervals keep a test quick; the scrape timeout is the scrape interval (Prometheus refuses a longer one).
 */
public record PrometheusConfig(Duration scrapeInterval, Duration evaluationInterval, List<Path> ruleFiles,
                               List<ScrapeTarget> targets) {

    /** The job the alerts and the dashboard read (the chart's PodMonitor relabels its targets to it). */
    public static final String JOB = "increment-connect";

    public PrometheusConfig {
        ruleFiles = List.copyOf(ruleFiles);
        targets = List.copyOf(targets);
    }

    /** prometheus.yml. */
    public String render() {
        String rules = ruleFiles.stream().map(f -> "  - " + quoted(f.toAbsolutePath().toString()))
                .collect(Collectors.joining("\n"));
        String staticConfigs = targets.stream().map(t -> "      - targets: [" + quoted(t.address()) + "]\n"
                + "        labels: {pod: " + quoted(t.pod()) + "}").collect(Collectors.joining("\n"));
        return "global:\n"
                + "  scrape_interval: " + seconds(scrapeInterval) + "\n"
                + "  scrape_timeout: " + seconds(scrapeInterval) + "\n"
                + "  evaluation_interval: " + seconds(evaluationInterval) + "\n"
                + "rule_files:\n" + (rules.isEmpty() ? "  []" : rules) + "\n"
                + "scrape_configs:\n"
                + "  - job_name: " + JOB + "\n"
                + "    static_configs:\n" + staticConfigs + "\n";
    }

    private static String seconds(Duration d) {
        return d.toMillis() + "ms";
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
