package com.example.increment.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Every value in values.yaml is documented, and helm/README.md's table says what values.yaml says.
 * Regenerate the table with `make helm-docs` (this test with -Dincrement.helm.docs.write=true).
 */
class ValuesTableTest {

    private final ManifestProject project = ManifestProject.fromSystemProperties();

    @Test
    void everyValueIsDocumented() {
        ValuesTable.Parsed parsed = ValuesTable.parse(project.helmDir().resolve("values.yaml"));
        assertThat(parsed.undocumented()).as("values without a '# --' comment in helm/values.yaml").isEmpty();
        assertThat(parsed.rows()).extracting(ValuesTable.Row::key)
                .contains("crdCheck.enabled", "kafka.enabled", "connect.replicas", "connect.image", "connect.config",
                        "connector.tasksMax", "connector.increments", "security.authentication");
    }

    @Test
    void theReadmeTableMatchesValuesYaml() throws IOException {
        Path readme = project.helmDir().resolve("README.md");
        String current = Files.readString(readme);
        String table = ValuesTable.markdown(ValuesTable.parse(project.helmDir().resolve("values.yaml")).rows());
        String expected = ValuesTable.withTable(current, table);
        if (Boolean.getBoolean("increment.helm.docs.write") && !expected.equals(current)) {
            Files.writeString(readme, expected);
            current = expected;
        }
        assertThat(current).as("helm/README.md's values table is out of date: run `make helm-docs`").isEqualTo(expected);
    }
}
