package com.example.increment.verify;

import java.io.PrintStream;

import com.example.increment.support.CommandLines;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code make verify [FORMAT=avro]}: reads the sequence topics of a running cluster (JSON values, or Avro decoded
 * through the registry's Confluent-compatible API) and prints the verdict. Exit code 0 when no sequence has a gap,
 * 1 on any gap, 2 when there is nothing to verify or the input is wrong.
 */
public final class VerifyCommand {

    public static final int OK = 0;
    public static final int GAPS = 1;
    public static final int UNUSABLE = 2;

    @Command(name = "make verify", description = "Judges the sequence topics of a running cluster: gaps, duplicates,"
            + " pauses. Exit code 0: no gap, 1: a gap, 2: nothing to verify or wrong input.",
            footer = "make variables: BOOTSTRAP, FORMAT=avro (with REGISTRY_PORT), READ_COMMITTED=1, PRINT=1")
    static final class Args {
        @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
                description = "the broker (default ${DEFAULT-VALUE}, make run's)")
        String bootstrap;
        @Option(names = "--registry-url", paramLabel = "URL",
                description = "values are Avro, decoded through this schema registry (e.g. http://127.0.0.1:8081,"
                        + " make run FORMAT=avro's); without it, values are JSON")
        String registryUrl;
        @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "seq_",
                description = "topic prefix of the sequences (default ${DEFAULT-VALUE})")
        String prefix;
        @Option(names = "--read-committed",
                description = "read as an exactly-once consumer (isolation.level=read_committed)")
        boolean readCommitted;
        @Option(names = "--print", description = "print every record first, as a console consumer does")
        boolean print;
        @Option(names = "--command-config", paramLabel = "FILE",
                description = "client properties for a secured listener (security.protocol, ssl.*, sasl.*), as Kafka's"
                        + " tools take them; the helm test Job writes them from Strimzi's KafkaUser secrets")
        java.nio.file.Path commandConfig;
        @Option(names = "--expect", paramLabel = "N[,N...]", split = ",",
                description = "increments whose topics (<prefix>N) must exist and hold records, as the connector's"
                        + " increments setting lists them")
        java.util.List<String> expected = new java.util.ArrayList<>();
    }

    private VerifyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Parses {@code args} as {@link #run} would, without reading anything: for checks of rendered command lines. */
    public static void checkArguments(String... args) {
        CommandLines.parse(new Args(), args);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Args a;
        try {
            a = CommandLines.parse(new Args(), args);
        } catch (IllegalArgumentException e) {
            err.println("verify: " + e.getMessage());
            return UNUSABLE;
        }
        java.util.Properties clientConfig = new java.util.Properties();
        if (a.commandConfig != null) {
            try (java.io.Reader in = java.nio.file.Files.newBufferedReader(a.commandConfig)) {
                clientConfig.load(in);
            } catch (java.io.IOException e) {
                err.println("verify: cannot read --command-config " + a.commandConfig + ": " + e.getMessage());
                return UNUSABLE;
            }
        }
        String registry = a.registryUrl == null ? null : a.registryUrl.replaceFirst("/$", "");
        ValueDecoder decoder = registry == null ? ValueDecoder.json()
                : new AvroValueDecoder(registry + "/apis/ccompat/v7");
        String source = registry == null ? a.bootstrap : a.bootstrap + " through the registry " + registry;
        VerificationReport report;
        try {
            report = new SequenceVerifier(a.bootstrap, a.prefix, a.readCommitted, decoder, clientConfig).verify(r -> {
                if (a.print) {
                    out.println(r.asJson());
                }
            });
        } catch (RuntimeException e) {
            err.println("verify: cannot read the sequences from " + source + ": " + e.getMessage()
                    + "\nIs the cluster running (make run [FORMAT=avro])? Others: make verify BOOTSTRAP=host:port"
                    + " [REGISTRY_PORT=port]");
            return UNUSABLE;
        }
        if (report.sequences().isEmpty()) {
            err.println("verify: no topic starting with '" + a.prefix + "' on " + a.bootstrap);
            return UNUSABLE;
        }
        out.println(report.render());
        java.util.List<String> missing = a.expected.stream().map(String::strip).filter(n -> !n.isEmpty())
                .map(n -> a.prefix + n)
                .filter(topic -> !report.sequences().containsKey(topic) || report.sequences().get(topic).count() == 0)
                .toList();
        if (!missing.isEmpty()) {
            out.println("FAIL: no records in " + String.join(", ", missing));
            return GAPS;
        }
        return report.hasGaps() ? GAPS : OK;
    }
}
