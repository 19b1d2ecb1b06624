package com.example.increment.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one way this code finds a file of the project (a build output, a chart preset): the path in a system property
 * (set by the build for tests and by the Makefile for {@code make run} and {@code make bench}), else the first
 * candidate that exists, relative to the working folder (the project's root or a module's).
 */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    /** The path in {@code property}, else the first of {@code candidates} that exists; fails naming all it tried. */
    public static Path find(String property, String... candidates) {
        Optional<String> configured = Optional.ofNullable(System.getProperty(property)).filter(s -> !s.isBlank());
        List<Path> paths = configured.map(p -> List.of(Path.of(p)))
                .orElseGet(() -> Stream.of(candidates).map(Path::of).toList());
        return paths.stream().filter(Files::exists).findFirst().map(Path::toAbsolutePath)
                .orElseThrow(() -> new IllegalStateException("Not found: " + paths + " (system property " + property
                        + "). Build first with `make build` (./mvnw -B -ntp package -DskipTests), from the project's"
                        + " root."));
    }
}
