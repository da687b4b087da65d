package ist.spike.nexus.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: each caller may make {@code burst} requests at once and then
 * {@code perSecond} a second. Buckets are kept for callers seen recently; when there are too many,
 * the full ones (callers that have been quiet long enough to have nothing to remember) are dropped.
 * Callers over their rate are never forgotten early, so the map is bounded by the callers (each with an
 * SVID of the trust domain) active within the time a bucket takes to fill.
 */
public final class CallerRateLimiter {
    static final int BUCKETS_LIMIT = 4096;

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perSecond 0 turns the limit off */
    public CallerRateLimiter(int perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    CallerRateLimiter(int perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond < 0 || (perSecond > 0 && burst < 1)) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    /** Takes a token from {@code caller}'s bucket; false if it is empty (the caller is over its rate). */
    public boolean tryAcquire(String caller) {
        if (perNano == 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.get(caller);
        if (bucket == null) {
            if (buckets.size() >= BUCKETS_LIMIT) {
                buckets.values().removeIf(b -> b.isFull(now));
            }
            bucket = buckets.computeIfAbsent(caller, c -> new Bucket(burst, now));
        }
        return bucket.take(now);
    }

    /** How many callers this limiter refused at least once within {@code window} of now (a count, never who). */
    public int callersRefusedWithin(java.time.Duration window) {
        long since = nanoClock.getAsLong() - window.toNanos();
        int count = 0;
        for (Bucket b : buckets.values()) {
            if (b.refusedSince(since)) {
                count++;
            }
        }
        return count;
    }

    private final class Bucket {
        private double tokens;
        private long refilled;
        private boolean everRefused;
        private long lastRefused;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilled = now;
        }

        synchronized boolean take(long now) {
            refill(now);
            if (tokens < 1) {
                everRefused = true;
                lastRefused = now;
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean refusedSince(long since) {
            return everRefused && lastRefused - since >= 0;
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            long elapsed = now - refilled;
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + elapsed * perNano);
                refilled = now;
            }
        }
    }
}
