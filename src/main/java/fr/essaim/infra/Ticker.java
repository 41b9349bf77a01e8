package fr.essaim.infra;

import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A background thread of a node that runs a turn every so often, at once when woken, and ends at
 * its next turn once stopped: the mail sender, the alert digests and the review mails.
 */
public final class Ticker {

    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running = true;

    private Ticker() {
    }

    /** Starts a thread of this factory, named {@code name}, that runs {@code turn} every {@code everyMillis}. */
    public static Ticker start(ThreadFactory threads, String name, long everyMillis, Runnable turn) {
        Ticker ticker = new Ticker();
        Thread thread = threads.newThread(() -> {
            while (ticker.running) {
                turn.run();
                try {
                    ticker.wake.tryAcquire(everyMillis, TimeUnit.MILLISECONDS);
                    ticker.wake.drainPermits();
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        thread.setName(name);
        thread.start();
        return ticker;
    }

    /** The next turn runs now instead of at its time. */
    public void wake() {
        wake.release();
    }

    public void stop() {
        running = false;
        wake.release();
    }
}
