package com.example.increment.local.process;

import java.nio.file.Path;

import com.example.increment.support.ProjectFiles;

/**
 * The Prometheus JMX exporter as a worker's {@code -javaagent}, as Strimzi's Connect image runs it: the agent jar the
 * build fetched ({@code e2e/kafka-runtime}) with the chart's own rules file ({@code helm/files/connect-metrics.yml}),
 * so the local workers export exactly what the chart's workers do. Each is found by {@link ProjectFiles}.
 */
public record JmxExporter(Path agentJar, Path rulesFile) {

    public static final String AGENT_JAR_PROPERTY = "increment.jmx.exporter.jar";
    public static final String RULES_PROPERTY = "increment.metrics.rules";
    private static final String AGENT_JAR = "kafka-runtime/target/jmx-exporter/jmx_prometheus_javaagent.jar";

    /** Resolves both, failing with what was looked for and how to build it. */
    public static JmxExporter locate() {
        return new JmxExporter(ProjectFiles.find(AGENT_JAR_PROPERTY, "e2e/" + AGENT_JAR, "../" + AGENT_JAR),
                ProjectFiles.find(RULES_PROPERTY, "helm/files/connect-metrics.yml", "../../helm/files/connect-metrics.yml"));
    }

    /** The exporter of one JVM, serving {@code /metrics} on 127.0.0.1:{@code port}. */
    public Endpoint on(int port) {
        return new Endpoint(this, port);
    }

    /** One JVM's exporter: its agent option and the URL Prometheus scrapes. */
    public record Endpoint(JmxExporter exporter, int port) {

        /** {@code -javaagent:<jar>=127.0.0.1:<port>:<rules>}: bound to loopback, as every port of the local cluster. */
        public String jvmOption() {
            return "-javaagent:" + exporter.agentJar() + "=127.0.0.1:" + port + ":" + exporter.rulesFile();
        }

        /** {@code 127.0.0.1:<port>}: what a Prometheus scrape config names as the target. */
        public String target() {
            return "127.0.0.1:" + port;
        }

        public String url() {
            return "http://" + target() + "/metrics";
        }
    }
}
