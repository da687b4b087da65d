package ist.spike.common.spiffe;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * java-spiffe's Workload API client says what went wrong (the agent's gRPC status, a bad update) only in
 * java.util.logging records, as SEVERE with a stack trace, once per retry. This handler takes those
 * records from the loggers that write them: a record written on a thread of a {@link WorkloadApiWatch}
 * goes to that watch, which keeps its last problem for the start-up error and logs one line; any other
 * record goes on to SLF4J as {@link JulBridge} would send it.
 */
final class JavaSpiffeLog extends Handler {
    /** Held, so that the JDK cannot collect the loggers and forget their handler. */
    private static final Logger STREAM_OBSERVERS = Logger.getLogger("io.spiffe.workloadapi.StreamObservers");
    private static final List<Logger> LOGGERS = List.of(
            Logger.getLogger("io.spiffe.workloadapi"),
            // "Exception thrown by onClose()": java-spiffe's watcher throws on a refused call; the watch reports it.
            Logger.getLogger("io.grpc.internal.ClientCallImpl"));
    private static boolean installed;

    private final SLF4JBridgeHandler bridge = new SLF4JBridgeHandler();

    private JavaSpiffeLog() {}

    static synchronized void install() {
        if (installed) {
            return;
        }
        JulBridge.install();
        JavaSpiffeLog handler = new JavaSpiffeLog();
        for (Logger logger : LOGGERS) {
            logger.setUseParentHandlers(false);
            logger.addHandler(handler);
        }
        // "Retrying connecting..." (FINE) is the only trace of a call java-spiffe's client ended itself,
        // which it does when it cannot read an answer (a malformed message): a watch needs to see it.
        STREAM_OBSERVERS.setLevel(Level.FINE);
        installed = true;
    }

    @Override
    public void publish(LogRecord record) {
        if (Thread.currentThread() instanceof WorkloadApiWatch.WatchThread thread && thread.watch().take(record)) {
            return;
        }
        bridge.publish(record);
    }

    @Override
    public void flush() {
        // Nothing buffered.
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
