package com.example.increment.support;

/**
 * Thrown by a {@link Waits} probe when what it waits for can never happen (a crashed process will not become
 * ready): it ends the wait at once instead of counting as "not yet".
 */
public class WaitAbandonedException extends RuntimeException {

    public WaitAbandonedException(String message) {
        super(message);
    }
}
