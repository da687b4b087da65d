package ist.spike.common.startup;

/**
 * Start-up timing, for finding where a program's first milliseconds go. Off unless the environment has
 * {@code SPIKE_TRACE_STARTUP=true}; then each {@link #mark} prints one line to stderr with the time
 * since the launcher started (dist/bin scripts pass their start as {@code SPIKE_TRACE_T0}, epoch
 * seconds with microseconds; without it, since the process started, to within a second) and since the
 * previous mark. Costs one static read when off.
 */
public final class StartupTrace {
    private static final boolean ON = "true".equalsIgnoreCase(System.getenv("SPIKE_TRACE_STARTUP"));
    private static final long START = ON ? jvmStartNanos() : 0;
    private static long last = START;

    private StartupTrace() {}

    public static boolean enabled() {
        return ON;
    }

    /** Prints "[trace] 123.4 ms (+5.6) what" when tracing is on. */
    public static synchronized void mark(String what) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        System.err.printf("[trace] %7.1f ms (+%6.1f) %s%n", (now - START) / 1e6, (now - last) / 1e6, what);
        last = now;
    }

    /** The launcher's (or else the process's) start on the System.nanoTime scale. */
    private static long jvmStartNanos() {
        long nowNanos = System.nanoTime();
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant start = launcherStart();
        if (start == null) {
            start = ProcessHandle.current().info().startInstant().orElse(now);
        }
        return nowNanos - java.time.Duration.between(start, now).toNanos();
    }

    private static java.time.Instant launcherStart() {
        String t0 = System.getenv("SPIKE_TRACE_T0");
        if (t0 == null || t0.isBlank()) {
            return null;
        }
        try {
            java.math.BigDecimal seconds = new java.math.BigDecimal(t0.trim().replace(',', '.'));
            return java.time.Instant.ofEpochSecond(0, seconds.movePointRight(9).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
