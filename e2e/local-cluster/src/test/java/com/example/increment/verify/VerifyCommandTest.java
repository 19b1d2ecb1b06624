package com.example.increment.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The command's options, without a broker: wrong input exits 2 naming what is wrong, with the usage. */
class VerifyCommandTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void anUnknownOptionIsUnusableInputNamedWithTheUsage() {
        assertThat(run("--bogus")).isEqualTo(VerifyCommand.UNUSABLE);
        assertThat(errors()).startsWith("verify: ").contains("'--bogus'").contains("Usage: make verify")
                .contains("--bootstrap-server", "--registry-url", "--prefix", "--read-committed", "--print");
    }

    @Test
    void anOptionWithoutItsValueIsUnusableInputNamingTheOption() {
        assertThat(run("--prefix")).isEqualTo(VerifyCommand.UNUSABLE);
        assertThat(errors()).contains("'--prefix'");
    }

    @Test
    void aStrayArgumentIsUnusableInput() {
        assertThat(run("seq_")).isEqualTo(VerifyCommand.UNUSABLE);
        assertThat(errors()).contains("'seq_'");
    }

    private int run(String... args) {
        return VerifyCommand.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
