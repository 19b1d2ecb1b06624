package com.example.increment.kubernetes;

import java.io.IOException;

import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/** A throwaway K3s in Docker with the Connect image imported, so no registry push is needed. */
final class K3sCluster {

    private static final String IMAGE_IN_CONTAINER = "/tmp/increment-connect-image.tar";

    private K3sCluster() {
    }

    static KubernetesEnvironment start(KubernetesTarget.Settings settings) {
        K3sContainer k3s = new K3sContainer(DockerImageName.parse(settings.k3sImage())
                .asCompatibleSubstituteFor("rancher/k3s"));
        k3s.start();
        try {
            importImage(k3s, settings);
            return KubernetesEnvironment.install(k3s.getKubeConfigYaml(), settings, k3s::stop);
        } catch (RuntimeException e) {
            k3s.stop();
            throw e;
        }
    }

    /** {@code ctr images import} in K3s's containerd, the namespace the kubelet pulls from. */
    private static void importImage(K3sContainer k3s, KubernetesTarget.Settings settings) {
        k3s.copyFileToContainer(MountableFile.forHostPath(settings.imageTar()), IMAGE_IN_CONTAINER);
        try {
            ExecResult result = k3s.execInContainer("ctr", "-n", "k8s.io", "images", "import", IMAGE_IN_CONTAINER);
            if (result.getExitCode() != 0) {
                throw new IllegalStateException("Importing " + settings.imageTar() + " into K3s failed (exit "
                        + result.getExitCode() + "): " + result.getStderr());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Importing " + settings.imageTar() + " into K3s failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while importing the image into K3s", e);
        }
    }
}
