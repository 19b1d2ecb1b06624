package com.example.increment.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A Docker-format image tar as Jib's {@code buildTar} writes it ({@code manifest.json}, {@code config.json},
 * gzipped layers), read fully into memory: the images here are a few hundred kB.
 */
public record ImageTar(JsonNode config, List<String> layerDigests, List<List<Entry>> layers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tar entry of a layer: absolute path without trailing slash, owner, permission bits, content. */
    public record Entry(String path, boolean directory, int uid, int gid, int mode, byte[] content) {

        /** Whether a process with this uid and primary group can read it (and, for a folder, enter it). */
        public boolean readableBy(int processUid, int processGid) {
            int bits = processUid == uid ? mode >> 6 : processGid == gid ? mode >> 3 : mode;
            int needed = directory ? 05 : 04;
            return (bits & needed) == needed;
        }

        public String describe() {
            return "%s %s %d:%d %04o".formatted(directory ? "dir" : "file", path, uid, gid, mode);
        }
    }

    public static ImageTar read(Path tar) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        JsonNode manifest = JSON.readTree(required(files, "manifest.json", tar)).get(0);
        JsonNode config = JSON.readTree(required(files, manifest.get("Config").asText(), tar));
        List<String> digests = new ArrayList<>();
        List<List<Entry>> layers = new ArrayList<>();
        for (JsonNode layer : manifest.get("Layers")) {
            digests.add(layer.asText());
            layers.add(readLayer(required(files, layer.asText(), tar)));
        }
        return new ImageTar(config, digests, layers);
    }

    /** The container's view of the filesystem: for each path, the entry of the topmost layer that has it. */
    public Map<String, Entry> mergedFilesystem() {
        Map<String, Entry> merged = new LinkedHashMap<>();
        layers.forEach(layer -> layer.forEach(entry -> merged.put(entry.path(), entry)));
        return merged;
    }

    /** Entries of the layers on top of a base that has {@code baseLayerCount} layers. */
    public List<Entry> layersAbove(int baseLayerCount) {
        return layers.subList(baseLayerCount, layers.size()).stream().flatMap(List::stream).toList();
    }

    /** Writes the files under {@code containerDir} (as the merged filesystem has them) into {@code target}. */
    public void extract(String containerDir, Path target) throws IOException {
        String prefix = containerDir + "/";
        for (Entry entry : mergedFilesystem().values()) {
            if (!entry.path().startsWith(prefix)) {
                continue;
            }
            Path out = target.resolve(entry.path().substring(prefix.length()));
            if (entry.directory()) {
                Files.createDirectories(out);
            } else {
                Files.createDirectories(out.getParent());
                Files.write(out, entry.content());
            }
        }
    }

    public String user() {
        return config.path("config").path("User").asText();
    }

    public String workingDir() {
        return config.path("config").path("WorkingDir").asText();
    }

    public List<String> entrypoint() {
        return strings(config.path("config").path("Entrypoint"));
    }

    public List<String> cmd() {
        return strings(config.path("config").path("Cmd"));
    }

    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("config").path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static List<Entry> readLayer(byte[] gzippedTar) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(gzippedTar));
             TarArchiveInputStream in = new TarArchiveInputStream(gz)) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String path = "/" + e.getName().replaceAll("^\\./", "").replaceAll("/$", "");
                entries.add(new Entry(path, e.isDirectory(), (int) e.getLongUserId(), (int) e.getLongGroupId(),
                        e.getMode() & 07777, e.isDirectory() ? new byte[0] : in.readAllBytes()));
            }
        }
        return entries;
    }

    private static byte[] required(Map<String, byte[]> files, String name, Path tar) {
        byte[] content = files.get(name);
        if (content == null) {
            throw new IllegalStateException(tar + " has no entry '" + name + "'; entries: " + files.keySet());
        }
        return content;
    }
}
