package com.example.increment.connect;

/** A Connect REST call answered with an error status; the message is Connect's own. */
public final class ConnectRestException extends RuntimeException {

    private final int status;

    public ConnectRestException(String request, int status, String message) {
        super(request + " -> HTTP " + status + ": " + message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
