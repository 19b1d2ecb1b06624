package com.example.increment.manifests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** `kubectl kustomize DIR` as a child process: Kustomize v5 as kubectl ships it. */
final class Kustomize {

    private static final long TIMEOUT_SECONDS = 60;

    private final ManifestProject project;

    Kustomize(ManifestProject project) {
        this.project = project;
    }

    /** Renders a kustomization under k8s/, e.g. "overlays/dev". */
    Rendered build(String kustomization) {
        return new Rendered("kustomize " + kustomization, Yaml.documents(buildText(project.k8sDir().resolve(kustomization))));
    }

    String buildText(Path dir) {
        Process process;
        try {
            process = new ProcessBuilder(project.kubectl(), "kustomize", dir.toString()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run '" + project.kubectl() + "' to render " + dir
                    + ": the manifest checks need kubectl with Kustomize v5 (kubectl 1.27+) on the PATH,"
                    + " or -Dkubectl=/path/to/kubectl", e);
        }
        try {
            process.getOutputStream().close();
            var stderrReader = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            var stdout = process.getInputStream().readAllBytes();
            var stderr = stderrReader.join();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "): "
                        + new String(stderr, StandardCharsets.UTF_8));
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read kubectl's output for " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while rendering " + dir, e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
