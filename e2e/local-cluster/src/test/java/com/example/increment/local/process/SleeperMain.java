package com.example.increment.local.process;

/**
 * A stand-in child process for {@link ManagedProcessTest}: sleeps until stopped, and on SIGTERM prints when its
 * shutdown hook started and ended (the hook takes a moment, as Kafka's do), so a test can see the stop order.
 */
public final class SleeperMain {

    static final long HOOK_MILLIS = 300;

    private SleeperMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long start = System.currentTimeMillis();
            try {
                Thread.sleep(HOOK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("HOOK start=" + start + " end=" + System.currentTimeMillis());
            System.out.flush();
        }));
        System.out.println("SLEEPING");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
