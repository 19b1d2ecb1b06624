package com.example.increment.kubernetes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;

/** Runs a command in a pod's container, like {@code kubectl exec POD -c CONTAINER -- CMD...}, and returns its stdout. */
public final class PodExec {

    private final KubernetesClient client;
    private final String namespace;

    public PodExec(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Runs {@code command}; fails with its stderr when it exits non-zero or outlives {@code timeout}. */
    public String run(String pod, String container, Duration timeout, List<String> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                .writingOutput(out).writingError(err).exec(command.toArray(String[]::new))) {
            int exit = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (exit != 0) {
                throw new IllegalStateException("`" + String.join(" ", command) + "` in pod " + pod + " exited " + exit
                        + ": " + err.toString(StandardCharsets.UTF_8).strip());
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (TimeoutException e) {
            throw new IllegalStateException("`" + String.join(" ", command) + "` in pod " + pod + " still running after "
                    + timeout, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("`" + String.join(" ", command) + "` in pod " + pod + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running a command in pod " + pod, e);
        }
    }
}
