package com.example.increment.local.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class RunOptionsTest {

    @Test
    void defaultsAreADistributedClusterOfTwoWorkersOnConnectsUsualPorts() {
        RunOptions o = RunOptions.parse(new String[0]);
        assertThat(o.standalone()).isFalse();
        assertThat(o.tasks()).isEqualTo(2);
        assertThat(o.brokerPort()).isEqualTo(9092);
        assertThat(o.workerPorts()).containsExactly(8083, 8084);
        assertThat(o.heap()).isEqualTo("512m");
        assertThat(o.dataDir()).isEqualTo(Path.of("data"));
        assertThat(o.settings().workerPorts()).containsExactly(8083, 8084);
    }

    @Test
    void standaloneStartsWithOneTaskOnOneWorkerAndKeepsItsOwnData() {
        RunOptions o = RunOptions.parse(new String[] {"--standalone", "--data-dir", "d"});
        assertThat(o.tasks()).isEqualTo(1);
        assertThat(o.dataDir()).isEqualTo(Path.of("d", "standalone"));
        assertThat(o.settings().workerPorts()).containsExactly(8083);
        assertThat(RunOptions.parse(new String[] {"--standalone", "--tasks", "2"}).tasks()).isEqualTo(2);
    }

    @Test
    void portsHeapAndTasksAreSettable() {
        RunOptions o = RunOptions.parse(new String[] {"--broker-port", "19092", "--controller-port", "19093",
                "--worker-ports", "18083, 18084,18085", "--heap", "1g", "--tasks", "3", "--print"});
        assertThat(List.of(o.brokerPort(), o.controllerPort())).containsExactly(19092, 19093);
        assertThat(o.workerPorts()).containsExactly(18083, 18084, 18085);
        assertThat(o.heap()).isEqualTo("1g");
        assertThat(o.tasks()).isEqualTo(3);
        assertThat(o.printRecords()).isTrue();
    }

    @Test
    void eachWorkerRunsTheJmxExporterOnStrimzisPortUnlessTurnedOff() {
        RunOptions o = RunOptions.parse(new String[0]);
        assertThat(o.metricsPorts()).containsExactly(9404, 9405);
        assertThat(o.settings().metricsPorts()).containsExactly(9404, 9405);
        assertThat(RunOptions.parse(new String[] {"--standalone"}).settings().metricsPorts()).containsExactly(9404);
        assertThat(RunOptions.parse(new String[] {"--no-metrics"}).settings().metricsEnabled()).isFalse();
        assertThat(RunOptions.parse(new String[] {"--worker-ports", "8083,8084,8085", "--metrics-ports", "19404"})
                .settings().metricsPorts()).containsExactly(19404, 19405, 19406);
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"--metrics-ports", "0"}))
                .hasMessageContaining("--metrics-ports").hasMessageContaining("'0'");
    }

    @Test
    void badValuesAreNamedWithWhatWouldBeValid() {
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"--heap", "lots"}))
                .hasMessageContaining("'lots'").hasMessageContaining("512m");
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"--broker-port", "70000"}))
                .hasMessageContaining("'70000'").hasMessageContaining("1..65535");
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"--tasks", "0"}))
                .hasMessageContaining("--tasks").hasMessageContaining("positive");
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"--nope"})).hasMessageContaining("'--nope'");
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"--format", "xml"}))
                .hasMessageContaining("'xml'").hasMessageContaining("JSON, AVRO");
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"--format", "avro", "--registry-port", "x"}))
                .hasMessageContaining("--registry-port").hasMessageContaining("'x'");
    }

    @Test
    void avroKeepsItsOwnDataAndTakesTheRegistryPorts() {
        RunOptions o = RunOptions.parse(new String[] {"--format", "avro", "--data-dir", "d", "--registry-port", "18081"});
        assertThat(o.avro()).isTrue();
        assertThat(o.dataDir()).isEqualTo(Path.of("d", "avro"));
        assertThat(o.registryPort()).isEqualTo(18081);
        assertThat(o.registryManagementPort()).isEqualTo(RunOptions.DEFAULT_REGISTRY_MANAGEMENT_PORT);
        assertThat(RunOptions.parse(new String[] {"--standalone", "--format", "AVRO", "--data-dir", "d"}).dataDir())
                .isEqualTo(Path.of("d", "standalone", "avro"));
    }
}
