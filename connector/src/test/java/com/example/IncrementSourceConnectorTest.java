package com.example;

import static com.example.IncrementSourceConfig.INCREMENTS_CONFIG;
import static com.example.IncrementSourceConfig.TASK_INCREMENTS_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IncrementSourceConnectorTest {

    static Stream<Arguments> incrementCountsByMaxTasks() {
        return IntStream.rangeClosed(1, 7).boxed()
                .flatMap(n -> IntStream.rangeClosed(1, 8).mapToObj(maxTasks -> Arguments.of(n, maxTasks)));
    }

    @ParameterizedTest(name = "{0} increments, maxTasks={1}")
    @MethodSource("incrementCountsByMaxTasks")
    void taskConfigsSplitEveryIncrementExactlyOnce(int incrementCount, int maxTasks) {
        List<Long> increments = LongStream.rangeClosed(1, incrementCount).map(i -> i * 10 - 3).boxed().toList();
        Map<String, String> props = TestConfigs.labWith(
                INCREMENTS_CONFIG, increments.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "transforms", "route", "transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
        IncrementSourceConnector connector = new IncrementSourceConnector();
        connector.start(props);

        List<Map<String, String>> configs = connector.taskConfigs(maxTasks);

        assertThat(configs).hasSize(Math.min(maxTasks, incrementCount));
        List<Long> assigned = new ArrayList<>();
        for (Map<String, String> config : configs) {
            List<Long> share = new IncrementSourceTaskConfig(config).taskIncrements();
            assertThat(share).as("a task with no sequences").isNotEmpty();
            assigned.addAll(share);
            Map<String, String> passedThrough = new HashMap<>(config);
            passedThrough.remove(TASK_INCREMENTS_CONFIG);
            assertThat(passedThrough).as("every connector property passed through").isEqualTo(props);
        }
        assertThat(assigned).as("every increment in exactly one task").containsExactlyInAnyOrderElementsOf(increments);
        int smallest = configs.stream().mapToInt(c -> c.get(TASK_INCREMENTS_CONFIG).split(",").length).min().orElseThrow();
        int largest = configs.stream().mapToInt(c -> c.get(TASK_INCREMENTS_CONFIG).split(",").length).max().orElseThrow();
        assertThat(largest - smallest).as("balanced").isLessThanOrEqualTo(1);
    }

    @Test
    void labWithOneTaskPutsBothSequencesInIt() {
        IncrementSourceConnector connector = new IncrementSourceConnector();
        connector.start(TestConfigs.defaults());

        assertThat(connector.taskConfigs(1)).extracting(c -> c.get(TASK_INCREMENTS_CONFIG)).containsExactly("1,100");
    }

    @Test
    void labWithTwoOrMoreTasksGivesTwoTasks() {
        IncrementSourceConnector connector = new IncrementSourceConnector();
        connector.start(TestConfigs.defaults());

        for (int maxTasks : new int[] {2, 3, 10}) {
            assertThat(connector.taskConfigs(maxTasks)).extracting(c -> c.get(TASK_INCREMENTS_CONFIG))
                    .as("tasks.max=%d", maxTasks).containsExactly("1", "100");
        }
    }

    @Test
    void declaresExactlyOnceSupportButNotItsOwnTransactionBoundaries() {
        IncrementSourceConnector connector = new IncrementSourceConnector();

        assertThat(connector.exactlyOnceSupport(TestConfigs.defaults())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.canDefineTransactionBoundaries(TestConfigs.defaults()))
                .isEqualTo(ConnectorTransactionBoundaries.UNSUPPORTED);
    }

    @Test
    void describesItself() {
        IncrementSourceConnector connector = new IncrementSourceConnector();

        assertThat(connector.taskClass()).isEqualTo(IncrementSourceTask.class);
        assertThat(connector.config()).isSameAs(IncrementSourceConfig.configDef());
        assertThat(connector.version()).isEqualTo(System.getProperty("project.version")).doesNotContain("$");
        assertThat(new IncrementSourceTask().version()).isEqualTo(connector.version());
    }

    @Test
    void isFoundByServiceLoaderAsWorkersWithServiceLoadDiscoveryDo() {
        assertThat(ServiceLoader.load(SourceConnector.class).stream().map(ServiceLoader.Provider::type))
                .contains(IncrementSourceConnector.class);
    }
}
