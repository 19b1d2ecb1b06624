package com.example.increment.local.process;

import com.example.increment.support.WaitAbandonedException;

/**
 * A process that a wait depends on has exited: waiting longer cannot help, so {@code Waits.waitFor} rethrows this at
 * once instead of counting it as "not yet".
 */
public final class ProcessExitedException extends WaitAbandonedException {

    public ProcessExitedException(String message) {
        super(message);
    }
}
