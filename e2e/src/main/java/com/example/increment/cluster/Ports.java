package com.example.increment.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports: is one free, and a free one for tests (which never use fixed ports). */
public final class Ports {

    private Ports() {
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fails with a message that names the port, what wanted it and how to choose another when it is taken.
     *
     * @param howToChange e.g. "set BROKER_PORT=... (make) or -Dincrement.broker.port=..."
     */
    public static void requireFree(int port, String usedFor, String howToChange) {
        if (!isFree(port)) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1, wanted for the " + usedFor
                    + ", is already in use (another cluster still running? check with `ss -ltnp | grep :" + port
                    + "`). Stop what holds it, or choose another port: " + howToChange + ".");
        }
    }

    /** An ephemeral port that is free right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }
}
