package ist.spike.common.tls;

import java.util.function.LongSupplier;

/**
 * Lets through at most {@code perMinute} log lines a minute and counts the rest, so a peer that fails
 * handshakes (or is cut off) in a loop cannot fill the disk or drown other lines. The next line let
 * through says how many were left out.
 */
public final class LogThrottle {
    private static final long WINDOW_NANOS = 60_000_000_000L;

    private final int perWindow;
    private final LongSupplier nanoClock;
    private long windowStart;
    private int inWindow;
    private long suppressed;

    LogThrottle(int perWindow, LongSupplier nanoClock) {
        this.perWindow = perWindow;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    public static LogThrottle perMinute(int lines) {
        return new LogThrottle(lines, System::nanoTime);
    }

    /**
     * Null if no line may be logged now (counted as left out); otherwise the suffix for the line:
     * " (N similar lines left out)" if some were since the last one, else "".
     */
    public synchronized String admit() {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= WINDOW_NANOS) {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow >= perWindow) {
            suppressed++;
            return null;
        }
        inWindow++;
        String note = suppressed == 0 ? "" : " (" + suppressed + " similar lines left out)";
        suppressed = 0;
        return note;
    }
}
