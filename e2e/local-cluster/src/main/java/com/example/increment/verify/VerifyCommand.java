package com.example.increment.verify;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.example.increment.verify.AvroValueDecoder;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code make verify [FORMAT=avro]}: reads the sequence topics of a running cluster (JSON values, or Avro decoded
 * through the registry's Confluent-compatible API) and prints the verdict. Exit code 0 when no sequence has a gap,
 * 1 on any gap, 2 when there is nothing to verify or the input is wrong.
 */
public final class VerifyCommand {

    public static final int OK = 0;
    public static final int GAPS = 1;
    public static final int UNUSABLE = 2;

    private static final String USAGE = """
            usage: VerifyCommand [--bootstrap-server HOST:PORT] [--registry-url URL] [--prefix seq_]
                                 [--read-committed] [--print]
              --bootstrap-server  the broker (default 127.0.0.1:9092, make run's broker)
              --registry-url      values are Avro, decoded through this schema registry (e.g. http://127.0.0.1:8081,
                                  make run FORMAT=avro's); without it, values are the lab's JSON
              --prefix            topic prefix of the sequences (default seq_)
              --read-committed    read as an exactly-once consumer (isolation.level=read_committed)
              --print             print every record first, as the lab's console consumer does""";

    private VerifyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String bootstrap = "127.0.0.1:9092";
        String prefix = "seq_";
        String registry = null;
        boolean readCommitted = false;
        boolean print = false;
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.pop();
            switch (arg) {
                case "--bootstrap-server", "--registry-url", "--prefix" -> {
                    if (rest.isEmpty()) {
                        err.println("verify: " + arg + " needs a value\n" + USAGE);
                        return UNUSABLE;
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
                    return UNUSABLE;
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        boolean printRecords = print;
        ValueDecoder decoder = registry == null ? ValueDecoder.json()
                : new AvroValueDecoder(registry + "/apis/ccompat/v7");
        String source = registry == null ? bootstrap : bootstrap + " through the registry " + registry;
        VerificationReport report;
        try {
            report = new SequenceVerifier(bootstrap, prefix, readCommitted, decoder).verify(r -> {
                if (printRecords) {
                    out.println(json.createObjectNode().put("threadId", r.threadId()).put("hostname", r.hostname())
                            .put("value", r.value()));
                }
            });
        } catch (RuntimeException e) {
            err.println("verify: cannot read the sequences from " + source + ": " + e.getMessage()
                    + "\nIs the cluster running (make run [FORMAT=avro])? Others: make verify BOOTSTRAP=host:port"
                    + " [REGISTRY_PORT=port]");
            return UNUSABLE;
        }
        if (report.sequences().isEmpty()) {
            err.println("verify: no topic starting with '" + prefix + "' on " + bootstrap);
            return UNUSABLE;
        }
        out.println(report.render());
        return report.hasGaps() ? GAPS : OK;
    }
}
