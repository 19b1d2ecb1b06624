package com.example.increment.local.process;

/**
 * A stand-in child process for {@link ManagedProcessTest}: sleeps until stopped, and on SIGTERM prints when its
 * shutdown hook started and ended (the hook takes a moment, as Kafka's do), so a test can see the stop order. With the
 * argument {@code hang} its hook never ends, as Connect's sometimes does not.
 */
public final class SleeperMain {

    static final long HOOK_MILLIS = 300;
    static final String HOOK_THREAD = "sleeper-shutdown-hook";

    private SleeperMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long hookMillis = args.length > 0 && args[0].equals("hang") ? Long.MAX_VALUE : HOOK_MILLIS;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long start = System.currentTimeMillis();
            try {
                Thread.sleep(hookMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("HOOK start=" + start + " end=" + System.currentTimeMillis());
            System.out.flush();
        }, HOOK_THREAD));
        System.out.println("SLEEPING");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
