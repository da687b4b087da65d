package ist.spike.nexus.limits;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the API dispatcher asks before it reads a request's body: is the caller within its rate, and
 * is there room for the body.
 */
public final class RequestLimits {
    private final CallerRateLimiter rate;
    private final BodyBudget bodies;
    private final int maxBodyBytes;
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder overBudget = new LongAdder();
    private final LongAdder tooLarge = new LongAdder();

    /** Requests refused so far, by reason (counts for the metrics). */
    public record Refusals(long rateLimited, long bodiesOverBudget, long bodiesTooLarge) {}

    /**
     * @param maxBodyBytes what a body without a Content-Length is charged (the most it may be)
     */
    public RequestLimits(CallerRateLimiter rate, BodyBudget bodies, int maxBodyBytes) {
        this.rate = rate;
        this.bodies = bodies;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Counts one request against {@code caller}'s rate; false if the caller is over it. */
    public boolean admitsCall(String caller) {
        if (rate.tryAcquire(caller)) {
            return true;
        }
        rateLimited.increment();
        return false;
    }

    /** Counts a body refused for being longer than the largest a request may send. */
    public void bodyTooLarge() {
        tooLarge.increment();
    }

    public Refusals refusals() {
        return new Refusals(rateLimited.sum(), overBudget.sum(), tooLarge.sum());
    }

    /** Callers refused by the rate limiter within {@code window} of now. */
    public int callersRateLimitedWithin(java.time.Duration window) {
        return rate.callersRefusedWithin(window);
    }

    /**
     * Reserves room for a body announced as {@code contentLength} bytes (-1: not announced).
     *
     * @return the bytes reserved (give them back with {@link #releaseBody}), or -1 if there is no room
     */
    public long reserveBody(String caller, long contentLength) {
        long charge = contentLength < 0 ? maxBodyBytes : Math.min(contentLength, maxBodyBytes);
        if (bodies.tryReserve(caller, charge)) {
            return charge;
        }
        overBudget.increment();
        return -1;
    }

    public void releaseBody(String caller, long reserved) {
        if (reserved > 0) {
            bodies.release(caller, reserved);
        }
    }
}
