package ist.spike.nexus.rootkey;

import java.time.Duration;

/** Exponential backoff: start, doubling, capped (upstream: 500 ms, x2, 60 s). */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    public Backoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = initialMillis;
    }

    /** Sleeps for the current delay, then doubles it (up to the cap). */
    public void pause() throws InterruptedException {
        Thread.sleep(nextMillis);
        nextMillis = Math.min(maxMillis, nextMillis * 2);
    }

    public void reset() {
        nextMillis = initialMillis;
    }
}
