package com.example.increment.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes, offline, a stand-in for {@code quay.io/strimzi/kafka} holding the facts of the real base that the
 * Connect image must keep: user 1001 in group 0, working dir {@code /opt/kafka}, {@code /opt/kafka/plugins}
 * with the real base's ownership and mode, and an entrypoint and command to inherit.
 *
 * <p>Directory metadata, from Strimzi's Dockerfiles (strimzi-kafka-operator
 * {@code docker-images/kafka-based/kafka/Dockerfile}): {@code /opt} comes from UBI's filesystem package
 * (root:root 0755); {@code COPY $KAFKA_DIST_DIR $KAFKA_HOME} creates {@code /opt/kafka} as root:root 0755;
 * {@code RUN mkdir $KAFKA_HOME/plugins} runs as root with umask 022, so root:root 0755; {@code useradd -r -m
 * -u 1001 -g 0 kafka}, {@code WORKDIR $KAFKA_HOME}, {@code USER 1001}. Strimzi writes at run time only to
 * mounted volumes ({@code /tmp}, {@code /opt/kafka/custom-config}, certificates), never into these folders.
 * The real base sets no entrypoint of its own (Strimzi's pod spec gives the command); the stand-in has one, and a
 * command, so that the test can see both inherited.
 *
 * <p>Run by exec-maven-plugin before the Jib build of the offline proof: {@code StandInBaseImage <tar> <name>}.
 */
public final class StandInBaseImage {

    /** Facts of the real base that the tests compare against the built image. */
    public static final String USER = "1001";
    public static final AbsoluteUnixPath WORKING_DIR = AbsoluteUnixPath.get("/opt/kafka");
    public static final List<String> ENTRYPOINT = List.of("/usr/bin/tini", "-w", "-e", "143", "--");
    public static final List<String> CMD = List.of("/opt/kafka/kafka_connect_run.sh");
    public static final Map<String, DirectoryFact> DIRECTORIES = Map.of(
            "/opt", new DirectoryFact(0, 0, 0755),
            "/opt/kafka", new DirectoryFact(0, 0, 0755),
            "/opt/kafka/plugins", new DirectoryFact(0, 0, 0755),
            "/home/kafka", new DirectoryFact(1001, 0, 0700));

    /** Owner, group and permission bits of a directory in the base. */
    public record DirectoryFact(int uid, int gid, int mode) {
    }

    private static final Instant EPOCH_PLUS_ONE = Instant.ofEpochSecond(1);

    private StandInBaseImage() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: StandInBaseImage <output tar> <image name>, got " + List.of(args));
        }
        write(Path.of(args[0]).toAbsolutePath(), args[1]);
    }

    /** Builds the stand-in base as a Docker image tar at {@code tar}. */
    public static void write(Path tar, String imageName) throws Exception {
        Path sources = Files.createDirectories(tar.resolveSibling("stand-in-sources"));
        Path emptyDir = Files.createDirectories(sources.resolve("empty-dir"));
        Path passwd = Files.writeString(sources.resolve("passwd"),
                "root:x:0:0:root:/root:/bin/bash\nkafka:x:1001:0::/home/kafka:/bin/bash\n", StandardCharsets.UTF_8);
        Path group = Files.writeString(sources.resolve("group"), "root:x:0:\n", StandardCharsets.UTF_8);
        Path runScript = Files.writeString(sources.resolve("kafka_connect_run.sh"),
                "#!/usr/bin/env bash\necho 'stand-in for Strimzi kafka_connect_run.sh'\n", StandardCharsets.UTF_8);

        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("stand-in strimzi kafka filesystem");
        DIRECTORIES.forEach((path, fact) -> layer.addEntry(emptyDir, AbsoluteUnixPath.get(path),
                FilePermissions.fromOctalString(octal(fact.mode() & 0777)), EPOCH_PLUS_ONE,
                fact.uid() + ":" + fact.gid()));
        layer.addEntry(passwd, AbsoluteUnixPath.get("/etc/passwd"), FilePermissions.fromOctalString("644"), EPOCH_PLUS_ONE, "0:0");
        layer.addEntry(group, AbsoluteUnixPath.get("/etc/group"), FilePermissions.fromOctalString("644"), EPOCH_PLUS_ONE, "0:0");
        layer.addEntry(runScript, AbsoluteUnixPath.get("/opt/kafka/kafka_connect_run.sh"),
                FilePermissions.fromOctalString("755"), EPOCH_PLUS_ONE, "0:0");

        Jib.fromScratch()
                .addFileEntriesLayer(layer.build())
                .setEnvironment(Map.of("KAFKA_HOME", WORKING_DIR.toString()))
                .setUser(USER)
                .setWorkingDirectory(WORKING_DIR)
                .setEntrypoint(ENTRYPOINT)
                .setProgramArguments(CMD)
                .containerize(Containerizer.to(TarImage.at(tar).named(imageName)).setOfflineMode(true));
    }

    private static String octal(int mode) {
        return String.format("%03o", mode);
    }
}
