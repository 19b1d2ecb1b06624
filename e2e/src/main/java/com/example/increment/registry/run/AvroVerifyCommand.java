package com.example.increment.registry.run;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.example.increment.registry.AvroValueDecoder;
import com.example.increment.verify.SequenceVerifier;
import com.example.increment.verify.VerificationReport;
import com.example.increment.verify.VerifyCommand;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code make verify FORMAT=avro}: {@link VerifyCommand} for Avro topics, decoding through the registry's
 * Confluent-compatible API. Same exit codes: 0 no gap, 1 a gap, 2 nothing to verify or wrong input.
 */
public final class AvroVerifyCommand {

    private static final String USAGE = """
            usage: AvroVerifyCommand [--bootstrap-server HOST:PORT] [--registry-url URL] [--prefix seq_]
                                     [--read-committed] [--print]
              --registry-url      the registry's base URL (default http://127.0.0.1:8081, make run FORMAT=avro's)""";

    private AvroVerifyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String bootstrap = "127.0.0.1:9092";
        String registry = "http://127.0.0.1:" + AvroLocalRun.DEFAULT_REGISTRY_PORT;
        String prefix = "seq_";
        boolean readCommitted = false;
        boolean print = false;
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.pop();
            switch (arg) {
                case "--bootstrap-server", "--registry-url", "--prefix" -> {
                    if (rest.isEmpty()) {
                        err.println("verify: " + arg + " needs a value\n" + USAGE);
                        return VerifyCommand.UNUSABLE;
                    }
                    String value = rest.pop();
                    switch (arg) {
                        case "--bootstrap-server" -> bootstrap = value;
                        case "--registry-url" -> registry = value.replaceFirst("/$", "");
                        default -> prefix = value;
                    }
                }
                case "--read-committed" -> readCommitted = true;
                case "--print" -> print = true;
                default -> {
                    err.println("verify: unknown option '" + arg + "'\n" + USAGE);
                    return VerifyCommand.UNUSABLE;
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        boolean printRecords = print;
        VerificationReport report;
        try {
            report = new SequenceVerifier(bootstrap, prefix, readCommitted,
                    new AvroValueDecoder(registry + "/apis/ccompat/v7")).verify(r -> {
                if (printRecords) {
                    out.println(json.createObjectNode().put("threadId", r.threadId()).put("hostname", r.hostname())
                            .put("value", r.value()));
                }
            });
        } catch (RuntimeException e) {
            err.println("verify: cannot read the Avro sequences from " + bootstrap + " through " + registry + ": "
                    + e.getMessage() + "\nIs the cluster running (make run FORMAT=avro)? Others: BOOTSTRAP=, REGISTRY_PORT=");
            return VerifyCommand.UNUSABLE;
        }
        if (report.sequences().isEmpty()) {
            err.println("verify: no topic starting with '" + prefix + "' on " + bootstrap);
            return VerifyCommand.UNUSABLE;
        }
        out.println(report.render());
        return report.hasGaps() ? VerifyCommand.GAPS : VerifyCommand.OK;
    }
}
