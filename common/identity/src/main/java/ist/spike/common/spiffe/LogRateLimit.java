package ist.spike.common.spiffe;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides whether a warning that can repeat every few seconds (a Workload API that stays down) is
 * logged: the first time, then at most once per interval. {@link #reset} once things work again, so
 * the next outage is reported at once.
 */
final class LogRateLimit {
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private boolean loggedBefore;
    private long lastLoggedNanos;
    private int skipped;
    private int skippedBeforeLast;

    LogRateLimit(Duration interval) {
        this(interval, System::nanoTime);
    }

    LogRateLimit(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Whether to log this occurrence; counts it as skipped if not. */
    synchronized boolean shouldLog() {
        long now = nanoClock.getAsLong();
        if (loggedBefore && now - lastLoggedNanos < intervalNanos) {
            skipped++;
            return false;
        }
        loggedBefore = true;
        lastLoggedNanos = now;
        skippedBeforeLast = skipped;
        skipped = 0;
        return true;
    }

    /** How many occurrences were not logged before the one {@link #shouldLog} last let through. */
    synchronized int skippedBeforeLast() {
        return skippedBeforeLast;
    }

    synchronized void reset() {
        loggedBefore = false;
        skipped = 0;
        skippedBeforeLast = 0;
    }
}
