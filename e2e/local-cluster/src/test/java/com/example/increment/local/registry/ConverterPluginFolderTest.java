package com.example.increment.local.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import com.example.increment.local.process.KafkaRuntime;

/**
 * The Apicurio converter's plugin folder as the build leaves it, checked offline: no Kafka jars of its own, and a
 * ServiceLoader manifest (workers use plugin.discovery=service_load) whose classes load as Converters in a
 * plugin class loader above Kafka's own jars, as a worker loads them.
 */
class ConverterPluginFolderTest {

    private static final String CONVERTER_SERVICE = "META-INF/services/org.apache.kafka.connect.storage.Converter";

    private final RegistryRuntime runtime = RegistryRuntime.locate();

    @Test
    void holdsNoJarThatTheWorkerAlreadyHas() throws Exception {
        List<String> jars = runtime.converterJars().stream().map(p -> p.getFileName().toString()).toList();
        System.out.printf("converter plugin folder %s: %d jars, %.1f MiB%n", runtime.converterPlugin(), jars.size(),
                sizeBytes(runtime.converterPlugin()) / 1048576.0);
        assertThat(jars).contains("apicurio-registry-utils-converter-2.6.13.Final.jar")
                .noneMatch(j -> j.startsWith("kafka-clients") || j.startsWith("connect-") || j.startsWith("slf4j")
                        || j.startsWith("kafka_") || j.startsWith("log4j"));
    }

    @Test
    void everyConverterInItsServiceManifestLoadsAsAKafkaConnectConverter() throws Exception {
        List<String> listed = new ArrayList<>();
        for (Path jar : runtime.converterJars()) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                var entry = zip.getEntry(CONVERTER_SERVICE);
                if (entry != null) {
                    new String(zip.getInputStream(entry).readAllBytes()).lines().map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(listed::add);
                }
            }
        }
        assertThat(listed).contains(AvroFormat.CONVERTER_CLASS, "io.apicurio.registry.utils.converter.AvroConverter");

        try (URLClassLoader kafka = new URLClassLoader(urls(Stream.of(KafkaRuntime.locate().classpath()
                .split(File.pathSeparator)).map(Path::of).toList()), ClassLoader.getPlatformClassLoader());
             URLClassLoader plugin = new URLClassLoader(urls(runtime.converterJars()), kafka)) {
            Class<?> converter = kafka.loadClass("org.apache.kafka.connect.storage.Converter");
            for (String name : listed) {
                Class<?> c = Class.forName(name, false, plugin);
                assertThat(converter.isAssignableFrom(c)).as(name + " is a Converter").isTrue();
                assertThat(c.getClassLoader()).as(name + " comes from the plugin folder").isSameAs(plugin);
            }
        }
    }

    private static URL[] urls(List<Path> paths) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Path p : paths) {
            urls.add(p.toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    private static long sizeBytes(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
