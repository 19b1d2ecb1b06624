package com.example.increment.image;

import com.example.increment.image.ImageTar.Entry;
import org.apache.kafka.tools.ConnectPluginPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the Connect image that Jib built (twice) on the stand-in Strimzi base, offline, and checks what Strimzi
 * relies on: the plugin folders where Connect looks for them and readable by the kafka user, the base's folders
 * unharmed, user, working dir, inherited entrypoint, labels, reproducibility, and that Kafka's own plugin-path tool
 * loads the connector and (unless built with -Dincrement.image.avro=false) Apicurio's Avro converter with
 * {@code service_load}. Paths come from the build (see the pom's failsafe configuration).
 */
class ConnectImageIT {

    private static final String CONNECTOR_CLASS = "com.example.IncrementSourceConnector";
    private static final String CONVERTER_CLASS = "com.example.increment.avro.RegistryAvroConverter";
    private static final String PLUGINS_DIR = "/opt/kafka/plugins";

    /** A plugin folder in the image ({@code dir}) and the build output it is copied from ({@code source}). */
    record PluginFolder(String dir, Path source) {
        boolean holds(String path) {
            return path.equals(dir) || path.startsWith(dir + "/");
        }
    }

    private static Path offlineDir;
    private static PluginFolder connector;
    private static PluginFolder converter;
    /** The sequence verifier the helm test Job runs: not a plugin, beside Kafka (/opt/increment/verify). */
    private static PluginFolder verifier;
    private static boolean avro;
    private static ImageTar base;
    private static ImageTar image;

    @BeforeAll
    static void readImages() throws IOException {
        offlineDir = Path.of(property("image.offline.dir"));
        connector = new PluginFolder(PLUGINS_DIR + "/" + property("image.plugin.name"), Path.of(property("image.plugin.source")));
        converter = new PluginFolder(PLUGINS_DIR + "/" + property("image.converter.name"), Path.of(property("image.converter.source")));
        avro = Boolean.parseBoolean(property("image.avro"));
        verifier = new PluginFolder(property("image.verify.dir"), Path.of(property("image.verify.source")));
        base = ImageTar.read(Path.of(property("image.stand-in.base.tar")));
        image = ImageTar.read(offlineDir.resolve("first/image.tar"));
    }

    /** The folders the image must carry: the connector always, the converter unless switched off. */
    static List<PluginFolder> pluginFolders() {
        return avro ? List.of(connector, converter, verifier) : List.of(connector, verifier);
    }

    @Test
    void pluginFilesAreInThePluginFoldersWithTheirContent() throws IOException {
        Map<String, Entry> fs = image.mergedFilesystem();
        for (PluginFolder folder : pluginFolders()) {
            List<Path> sourceFiles;
            try (Stream<Path> walk = Files.walk(folder.source())) {
                sourceFiles = walk.filter(Files::isRegularFile).toList();
            }
            assertThat(sourceFiles).as("files in the plugin folder %s", folder.source()).isNotEmpty();
            for (Path file : sourceFiles) {
                String inImage = folder.dir() + "/" + folder.source().relativize(file).toString().replace('\\', '/');
                assertThat(fs).as("image path for %s", file).containsKey(inImage);
                assertThat(fs.get(inImage).content()).as(inImage).isEqualTo(Files.readAllBytes(file));
            }
            long inImage = fs.values().stream().filter(e -> !e.directory() && folder.holds(e.path())).count();
            assertThat(inImage).as("files under %s: exactly the build's", folder.dir()).isEqualTo(sourceFiles.size());
        }
        assertThat(fs).containsKey(connector.dir() + "/manifest.json");
        assertThat(fs.keySet()).as("the verifier jar helm test runs")
                .anyMatch(path -> path.startsWith(verifier.dir() + "/increment-verify-tool-") && path.endsWith("-verify.jar"));
        assertThat(fs.keySet()).anyMatch(path -> path.startsWith(connector.dir() + "/lib/") && path.endsWith(".jar"));
    }

    @Test
    void theConverterFolderIsThereExactlyWhenAvroIsOn() {
        Map<String, Entry> fs = image.mergedFilesystem();
        if (avro) {
            assertThat(fs).containsKey(converter.dir() + "/apicurio-converter-service-manifests.jar");
            assertThat(fs.keySet()).anyMatch(path -> path.startsWith(converter.dir() + "/apicurio-registry-utils-converter-"));
        } else {
            assertThat(fs.keySet()).as("built with -Dincrement.image.avro=false").noneMatch(converter::holds);
        }
    }

    @Test
    void kafkaUserCanReadEveryPluginFileAndEnterEveryFolderOnTheWay() {
        int uid = Integer.parseInt(image.user());
        int gid = primaryGroup(uid);
        Map<String, Entry> fs = image.mergedFilesystem();
        for (PluginFolder folder : pluginFolders()) {
            List<String> checked = new ArrayList<>();
            for (String path : fs.keySet()) {
                if (folder.holds(path) || folder.dir().startsWith(path + "/")) {
                    Entry entry = fs.get(path);
                    assertThat(entry.readableBy(uid, gid)).as("readable by %d:%d: %s", uid, gid, entry.describe()).isTrue();
                    checked.add(path);
                }
            }
            assertThat(checked).contains("/opt", folder.dir());
            assertThat(checked.size()).as("entries checked under %s", folder.dir()).isGreaterThan(4);
        }
    }

    @Test
    void baseFoldersKeepTheirOwnerGroupAndMode() {
        Map<String, Entry> baseFs = base.mergedFilesystem();
        Map<String, Entry> fs = image.mergedFilesystem();
        // The stand-in carries the real base's facts (see StandInBaseImage), so this compares with Strimzi's image.
        StandInBaseImage.DIRECTORIES.forEach((path, fact) -> {
            Entry inBase = baseFs.get(path);
            assertThat(inBase).as("stand-in base has %s", path).isNotNull();
            assertThat(List.of(inBase.uid(), inBase.gid(), inBase.mode())).as(path)
                    .isEqualTo(List.of(fact.uid(), fact.gid(), fact.mode()));
        });
        // A directory entry in a later layer replaces the base's metadata in the merged filesystem (overlay and
        // containerd apply it to the existing folder), so every folder Jib's layer repeats must match the base.
        List<Entry> ours = image.layersAbove(base.layers().size());
        List<Entry> repeated = ours.stream().filter(e -> e.directory() && baseFs.containsKey(e.path())).toList();
        assertThat(repeated).extracting(Entry::path).as("base folders Jib's layer writes again")
                .contains("/opt", "/opt/kafka", PLUGINS_DIR);
        for (Entry entry : repeated) {
            Entry inBase = baseFs.get(entry.path());
            assertThat(entry.describe()).as("Jib's entry vs the base's").isEqualTo(inBase.describe());
        }
        baseFs.values().stream().filter(Entry::directory).forEach(dir ->
                assertThat(fs.get(dir.path()).describe()).as("merged view").isEqualTo(dir.describe()));
    }

    @Test
    void imageAddsOnlyThePluginFoldersOnTopOfTheUnchangedBase() {
        int baseLayers = base.layers().size();
        assertThat(image.layerDigests().subList(0, baseLayers)).as("base layers").isEqualTo(base.layerDigests());
        assertThat(image.layers()).as("layers: the base's plus one per plugin folder (Jib: one per extra directory)")
                .hasSize(baseLayers + pluginFolders().size());
        for (Entry entry : image.layersAbove(baseLayers)) {
            boolean inPlugin = pluginFolders().stream().anyMatch(folder -> folder.holds(entry.path()));
            boolean parentOfPlugin = entry.directory()
                    && pluginFolders().stream().anyMatch(folder -> folder.dir().startsWith(entry.path() + "/"));
            assertThat(inPlugin || parentOfPlugin).as("unexpected entry in Jib's layer: %s", entry.describe()).isTrue();
        }
    }

    @Test
    void containerConfigKeepsWhatStrimziReliesOn() {
        assertThat(image.user()).isEqualTo(StandInBaseImage.USER);
        assertThat(image.workingDir()).isEqualTo(StandInBaseImage.WORKING_DIR.toString());
        assertThat(base.entrypoint()).as("stand-in has an entrypoint to inherit").isNotEmpty();
        assertThat(image.entrypoint()).as("entrypoint inherited").isEqualTo(base.entrypoint());
        assertThat(image.cmd()).as("command inherited").isEqualTo(base.cmd());
        assertThat(primaryGroup(Integer.parseInt(image.user()))).as("kafka user's group in /etc/passwd").isZero();
    }

    @Test
    void ociLabelsNameVersionSourceRevisionAndLicense() {
        Map<String, String> labels = image.labels();
        assertThat(labels).containsEntry("org.opencontainers.image.version", property("image.version"))
                .containsEntry("org.opencontainers.image.source", property("image.source"))
                .containsEntry("org.opencontainers.image.licenses", "Apache-2.0");
        assertThat(labels.get("org.opencontainers.image.revision")).as("git commit, or 'unknown' outside git")
                .matches("[0-9a-f]{40}|unknown");
    }

    @Test
    void twoBuildsGiveTheSameDigestAndImageId() throws IOException {
        Path first = offlineDir.resolve("first");
        Path second = offlineDir.resolve("second");
        String digest = Files.readString(first.resolve("jib-image.digest")).strip();
        String id = Files.readString(first.resolve("jib-image.id")).strip();
        assertThat(digest).startsWith("sha256:");
        assertThat(Files.readString(second.resolve("jib-image.digest")).strip()).as("digest of the second build").isEqualTo(digest);
        assertThat(Files.readString(second.resolve("jib-image.id")).strip()).as("image id of the second build").isEqualTo(id);
        assertThat(ImageTar.read(second.resolve("image.tar")).layerDigests()).isEqualTo(image.layerDigests());
        System.out.printf("first build %s %s%nsecond build %s %s%n", digest, id,
                Files.readString(second.resolve("jib-image.digest")).strip(), Files.readString(second.resolve("jib-image.id")).strip());
    }

    @Test
    void kafkaPluginPathToolFindsThePluginsLoadableWithServiceLoad(@TempDir Path extracted) throws IOException {
        Path plugins = extracted.resolve("plugins");
        image.extract(PLUGINS_DIR, plugins);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ConnectPluginPath.mainNoExit(new String[] {"list", "--plugin-path", plugins.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();

        // Columns: pluginName, firstAlias, secondAlias, pluginVersion, pluginType, isLoadable, hasManifest, pluginLocation
        List<String> header = Arrays.asList(table.lines().findFirst().orElseThrow().split("\t"));
        assertLoadable(table, header, CONNECTOR_CLASS, "source", plugins.resolve(connector.source().getFileName().toString()));
        boolean converterListed = table.lines().anyMatch(line -> line.startsWith(CONVERTER_CLASS + "\t"));
        assertThat(converterListed).as("%s listed (built with increment.image.avro=%s)", CONVERTER_CLASS, avro).isEqualTo(avro);
        if (avro) {
            assertLoadable(table, header, CONVERTER_CLASS, "converter", plugins.resolve(converter.source().getFileName().toString()));
        }
    }

    private static void assertLoadable(String table, List<String> header, String pluginClass, String type, Path location) {
        List<String> row = table.lines().map(line -> Arrays.asList(line.split("\t")))
                .filter(cells -> cells.get(header.indexOf("pluginName")).equals(pluginClass))
                .findFirst().orElseThrow(() -> new AssertionError(pluginClass + " not listed:\n" + table));
        System.out.println("ConnectPluginPath list: " + String.join(" | ", header) + "\n  " + String.join(" | ", row));
        assertThat(row.get(header.indexOf("pluginType"))).as(pluginClass).isEqualTo(type);
        assertThat(row.get(header.indexOf("isLoadable"))).as("loadable with service_load: " + row).isEqualTo("true");
        assertThat(row.get(header.indexOf("hasManifest"))).as("META-INF/services entry: " + row).isEqualTo("true");
        assertThat(Path.of(row.get(header.indexOf("pluginLocation")))).as(pluginClass).isEqualTo(location);
    }

    /** The primary group of {@code uid} in the image's /etc/passwd (Strimzi's kafka user is in group 0). */
    private static int primaryGroup(int uid) {
        String passwd = new String(image.mergedFilesystem().get("/etc/passwd").content(), StandardCharsets.UTF_8);
        return passwd.lines().map(line -> line.split(":"))
                .filter(fields -> Integer.parseInt(fields[2]) == uid)
                .map(fields -> Integer.parseInt(fields[3]))
                .findFirst().orElseThrow(() -> new AssertionError("no user " + uid + " in /etc/passwd:\n" + passwd));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run through Maven (failsafe)");
        }
        return value;
    }
}
