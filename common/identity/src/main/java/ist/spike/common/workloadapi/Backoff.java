package ist.spike.common.workloadapi;

/** Waits between attempts: doubling from a first delay up to a ceiling, and back to the first after a success. */
final class Backoff {
    private final long firstMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(long firstMillis, long maxMillis) {
        this.firstMillis = firstMillis;
        this.maxMillis = maxMillis;
        this.nextMillis = firstMillis;
    }

    /** The delay before the next attempt; each call doubles the one after, up to the ceiling. */
    long nextMillis() {
        long delay = nextMillis;
        nextMillis = Math.min(nextMillis * 2, maxMillis);
        return delay;
    }

    void reset() {
        nextMillis = firstMillis;
    }
}
