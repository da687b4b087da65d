package ist.spike.nexus.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes of request bodies that may be in memory at once, across all callers and per caller. A body is
 * charged what its Content-Length announces (or the size limit when it announces none) before it is
 * read, and released when its request is answered: the body, its decoded form and the answer all live
 * within that time. One caller gets at most {@code perCallerBytes}, so a flood from one identity
 * leaves room for the others.
 */
public final class BodyBudget {
    private final long totalBytes;
    private final long perCallerBytes;
    private long inFlight;
    private final Map<String, Long> byCaller = new ConcurrentHashMap<>();

    public BodyBudget(long totalBytes, long perCallerBytes) {
        if (totalBytes < 1 || perCallerBytes < 1 || perCallerBytes > totalBytes) {
            throw new IllegalArgumentException("need 0 < per-caller bytes <= total bytes");
        }
        this.totalBytes = totalBytes;
        this.perCallerBytes = perCallerBytes;
    }

    /**
     * Reserves {@code bytes} for {@code caller}; false (and nothing reserved) if that would go over the
     * caller's share or the total. A body larger than the caller's share is still admitted when the
     * caller has nothing else in flight, so the size limit, not the budget, decides what is too big.
     */
    public synchronized boolean tryReserve(String caller, long bytes) {
        if (bytes <= 0) {
            return true;
        }
        long mine = byCaller.getOrDefault(caller, 0L);
        boolean fitsShare = mine == 0 || mine + bytes <= perCallerBytes;
        if (!fitsShare || inFlight + bytes > totalBytes) {
            return false;
        }
        inFlight += bytes;
        byCaller.put(caller, mine + bytes);
        return true;
    }

    /** Gives back what {@link #tryReserve} took. */
    public synchronized void release(String caller, long bytes) {
        inFlight -= bytes;
        long left = byCaller.getOrDefault(caller, 0L) - bytes;
        if (left <= 0) {
            byCaller.remove(caller);
        } else {
            byCaller.put(caller, left);
        }
    }

    synchronized long inFlight() {
        return inFlight;
    }
}
