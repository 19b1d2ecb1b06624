package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;

/** The plugin folder and zip made by `package`: layout, contents, and that the packaged jar loads. */
class PluginArchiveIT {

    private static final String VERSION = System.getProperty("project.version");
    private static final String NAME = System.getProperty("plugin.name");
    private static final Path FOLDER = Path.of(System.getProperty("plugin.folder"));
    private static final Path ZIP = Path.of(System.getProperty("plugin.zip"));
    private static final String JAR = "lib/increment-connector-" + VERSION + ".jar";

    /** Relative path -> content of every file in the plugin folder. */
    private static Map<String, byte[]> folderFiles() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(FOLDER)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(FOLDER.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }

    @Test
    void folderHasTheConfluentHubLayoutWithOnlyOurJar() throws IOException {
        assertThat(folderFiles().keySet()).containsExactly(
                "doc/CONFIGURATION.md", "doc/LICENSE", "doc/README.md", JAR, "manifest.json");
    }

    @Test
    void zipHoldsExactlyThePluginFolder() throws IOException {
        Map<String, byte[]> zipped = new TreeMap<>();
        List<String> directories = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                assertThat(entry.getName()).startsWith(NAME + "/");
                String path = entry.getName().substring(NAME.length() + 1);
                if (entry.isDirectory()) {
                    directories.add(path);
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        zipped.put(path, in.readAllBytes());
                    }
                }
            }
        }

        assertThat(directories).containsExactlyInAnyOrder("", "lib/", "doc/");
        Map<String, byte[]> folder = folderFiles();
        assertThat(zipped.keySet()).isEqualTo(folder.keySet());
        folder.forEach((path, content) -> assertThat(zipped.get(path)).as(path).isEqualTo(content));
    }

    @Test
    void zipEntriesCarryTheFixedBuildTimestampSoBuildsAreReproducible() throws IOException {
        Instant fixed = Instant.parse(System.getProperty("build.output-timestamp"));
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            assertThat(zip.stream().map(e -> e.getLastModifiedTime().toInstant()))
                    .allSatisfy(time -> assertThat(time).isBetween(fixed.minusSeconds(86_400), fixed.plusSeconds(86_400)));
        }
    }

    @Test
    void manifestDescribesThePlugin() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(FOLDER.resolve("manifest.json").toFile());

        assertThat(manifest.path("name").asText()).isEqualTo(NAME);
        assertThat(manifest.path("version").asText()).isEqualTo(VERSION);
        assertThat(manifest.path("component_types")).extracting(JsonNode::asText).containsExactly("source");
        assertThat(manifest.path("owner").path("username").asText()).isNotBlank();
        assertThat(manifest.path("license").get(0).path("name").asText()).isEqualTo("Apache License 2.0");
        assertThat(manifest.path("title").asText()).isNotBlank();
        assertThat(manifest.path("description").asText()).isNotBlank();
        assertThat(manifest.toString()).doesNotContain("${");
    }

    @Test
    void docsAreTheModulesReadmeAndConfigReference() throws IOException {
        assertThat(FOLDER.resolve("doc/CONFIGURATION.md")).hasSameTextualContentAs(Path.of("CONFIGURATION.md"));
        assertThat(FOLDER.resolve("doc/README.md")).hasSameTextualContentAs(Path.of("README.md"));
        assertThat(Files.readString(FOLDER.resolve("doc/LICENSE"))).contains("Apache License", "Version 2.0");
    }

    @Test
    void packagedJarIsFoundByServiceLoaderAndReportsTheBuildVersion() throws Exception {
        URL jar = FOLDER.resolve(JAR).toUri().toURL();
        // Parent: the platform loader plus Connect's API (as a worker's plugin loader has), not our classes.
        ClassLoader api = SourceConnector.class.getClassLoader();
        try (URLClassLoader plugin = new URLClassLoader(new URL[] {jar}, new FilteringLoader(api))) {
            List<SourceConnector> found = ServiceLoader.load(SourceConnector.class, plugin).stream()
                    .map(ServiceLoader.Provider::get)
                    .filter(c -> c.getClass().getClassLoader() == plugin)
                    .toList();

            assertThat(found).extracting(c -> c.getClass().getName()).containsExactly("com.example.IncrementSourceConnector");
            assertThat(found.get(0).version()).isEqualTo(VERSION);
        }
    }

    /** Hides the classes under test (com.example) so that they can only come from the packaged jar. */
    private static final class FilteringLoader extends ClassLoader {
        FilteringLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("com.example.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return name.startsWith("com/example/") || name.startsWith("META-INF/services/") ? null : super.getResource(name);
        }

        @Override
        public java.util.Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith("com/example/") || name.startsWith("META-INF/services/")
                    ? java.util.Collections.emptyEnumeration() : super.getResources(name);
        }
    }
}
