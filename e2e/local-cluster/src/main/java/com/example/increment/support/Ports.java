package com.example.increment.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Loopback ports: is one free, and a free one for tests (which never use fixed ports). */
public final class Ports {

    /** Ports {@link #freePort()} has handed out in this JVM; see there why none is handed out twice. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

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

    /**
     * An ephemeral port that is free right now and not handed out before in this JVM. Settings draw all their ports
     * before any process binds one, so the OS may offer the same free port twice (a broker and its controller, two
     * clusters defined side by side), and the second process would then fail to start.
     */
    public static synchronized int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("No free port on 127.0.0.1", e);
            }
        }
    }
}
