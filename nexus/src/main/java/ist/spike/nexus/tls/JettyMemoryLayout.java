package ist.spike.nexus.tls;

/**
 * Tells Jetty how many object references fit in a cache line before its first queue is made. Without
 * it, Jetty's {@code MemoryUtils} asks the HotSpot diagnostic MBean whether compressed oops are on, which
 * starts the JVM's platform MBean server: every platform MXBean registered, the JFR configuration files
 * parsed for the diagnostic-command MBean's help texts, start-up time and the JIT work behind it,
 * all for a padding width in Jetty's queues.
 */
final class JettyMemoryLayout {
    static final String CACHE_LINE_BYTES = "org.eclipse.jetty.util.cacheLineBytes";
    static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
    /** HotSpot compresses references by default below a 32 GiB heap. */
    private static final long COMPRESSED_OOPS_HEAP_LIMIT = 32L << 30;

    private JettyMemoryLayout() {}

    /** Sets Jetty's property unless the operator did; what Jetty would compute, barring -XX:-UseCompressedOops. */
    static void describe() {
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) != null) {
            return;
        }
        int referenceBytes = Runtime.getRuntime().maxMemory() < COMPRESSED_OOPS_HEAP_LIMIT ? 4 : 8;
        System.setProperty(REFERENCES_PER_CACHE_LINE, String.valueOf(cacheLineBytes() / referenceBytes));
    }

    private static int cacheLineBytes() {
        try {
            return Math.max(8, Integer.parseInt(System.getProperty(CACHE_LINE_BYTES, "64")));
        } catch (NumberFormatException e) {
            return 64; // as Jetty falls back
        }
    }
}
