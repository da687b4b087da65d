package ist.spike.common.program;

/**
 * Start-up timing, for finding where a program's first milliseconds go. Off unless the environment has
 * {@code SPIKE_TRACE_STARTUP=true}; then each {@link #mark} prints one line to stderr with the time
 * since the JVM started (as the JVM's own {@code -Xlog:...:uptime} decorations count it, within a few ms)
 * and since the previous mark. Costs one volatile read when off, and loads no other class.
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

    /** The JVM's start on the System.nanoTime scale, from the process start time (10 ms resolution). */
    private static long jvmStartNanos() {
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        long startMillis = ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(nowMillis);
        return nowNanos - (nowMillis - startMillis) * 1_000_000L;
    }
}
