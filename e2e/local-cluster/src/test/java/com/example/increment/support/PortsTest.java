package com.example.increment.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.example.increment.local.KafkaBroker;
import com.example.increment.local.LocalClusterSettings;
import com.example.increment.local.process.KafkaRuntime;
import com.example.increment.local.process.ProcessRegistry;

/** A taken port stops the start before any process runs, with an error that names it and the way out. */
class PortsTest {

    @Test
    void aTakenBrokerPortIsNamedWithHowToChooseAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            LocalClusterSettings s = LocalClusterSettings.ephemeral("ports-test", 1);
            KafkaBroker broker = new KafkaBroker(s.dataDir(), s.logDir(), taken.getLocalPort(), s.controllerPort(),
                    "256m", KafkaRuntime.locate());

            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("Kafka broker")
                    .hasMessageContaining("BROKER_PORT=");
            assertThat(broker.isRunning()).isFalse();
            assertThat(ProcessRegistry.live()).isEmpty();
        }
    }

    @Test
    void aFreePortIsFreeAndABoundOneIsNot() throws Exception {
        int port = Ports.freePort();
        assertThat(Ports.isFree(port)).isTrue();
        try (ServerSocket bound = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
            assertThat(Ports.isFree(port)).isFalse();
        }
    }

    @Test
    void noPortIsHandedOutTwice() {
        // Drawn without binding, as settings do: the OS alone would offer a just-closed port again.
        List<Integer> drawn = IntStream.range(0, 200).map(i -> Ports.freePort()).boxed()
                .toList();

        assertThat(drawn).doesNotHaveDuplicates();
    }
}
