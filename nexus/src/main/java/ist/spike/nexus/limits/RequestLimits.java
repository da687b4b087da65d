package ist.spike.nexus.limits;

/**
 * What the API dispatcher asks before it reads a request's body: is the caller within its rate, and
 * is there room for the body.
 */
public final class RequestLimits {
    private final CallerRateLimiter rate;
    private final BodyBudget bodies;
    private final int maxBodyBytes;

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
        return rate.tryAcquire(caller);
    }

    /**
     * Reserves room for a body announced as {@code contentLength} bytes (-1: not announced).
     *
     * @return the bytes reserved (give them back with {@link #releaseBody}), or -1 if there is no room
     */
    public long reserveBody(String caller, long contentLength) {
        long charge = contentLength < 0 ? maxBodyBytes : Math.min(contentLength, maxBodyBytes);
        return bodies.tryReserve(caller, charge) ? charge : -1;
    }

    public void releaseBody(String caller, long reserved) {
        if (reserved > 0) {
            bodies.release(caller, reserved);
        }
    }
}
