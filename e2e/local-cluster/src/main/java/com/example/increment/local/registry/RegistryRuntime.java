package com.example.increment.local.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.example.increment.support.ProjectFiles;

/**
 * Where the Avro format's files are: the unpacked Apicurio Registry app (its {@code quarkus-run.jar}) and the
 * Apicurio converter's plugin folder, written at build time by {@code e2e/registry-runtime} and
 * {@code image/avro-converter}, each found by {@link ProjectFiles}.
 */
public record RegistryRuntime(Path registryApp, Path converterPlugin) {

    public static final String REGISTRY_DIR_PROPERTY = "increment.registry.dir";
    public static final String CONVERTER_PLUGIN_PROPERTY = "increment.registry.converter.plugin";

    /** The converter's folder name inside its plugin.path entry. */
    public static final String CONVERTER_PLUGIN_NAME = "apicurio-converter";

    public static RegistryRuntime locate() {
        Path app = ProjectFiles.find(REGISTRY_DIR_PROPERTY, "e2e/registry-runtime/target/apicurio-registry",
                "../registry-runtime/target/apicurio-registry");
        Path plugin = ProjectFiles.find(CONVERTER_PLUGIN_PROPERTY, "image/avro-converter/target/plugins/" + CONVERTER_PLUGIN_NAME,
                "../../image/avro-converter/target/plugins/" + CONVERTER_PLUGIN_NAME);
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app + " has no quarkus-run.jar: the Apicurio Registry app is incomplete. "
                    + "Rebuild it: ./mvnw -B -ntp -pl e2e/registry-runtime package");
        }
        return new RegistryRuntime(app, plugin);
    }

    /** The runnable fast-jar; its manifest Class-Path brings the rest of the app. */
    public Path quarkusRunJar() {
        return registryApp.resolve("quarkus-run.jar");
    }

    /** The plugin.path entry that holds the converter folder (a worker lists it beside the connector's). */
    public Path converterPluginPath() {
        return converterPlugin.getParent();
    }

    /** The converter folder's jars, for a client JVM that needs Apicurio's Avro deserializer (the console consumer). */
    public List<Path> converterJars() {
        try (Stream<Path> files = Files.list(converterPlugin)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot list the converter plugin folder " + converterPlugin, e);
        }
    }
}
