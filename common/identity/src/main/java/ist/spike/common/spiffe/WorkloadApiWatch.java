package ist.spike.common.spiffe;

import io.grpc.Status;
import io.spiffe.exception.WatcherException;
import ist.spike.common.workloadapi.GrpcStatus;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What java-spiffe's client met while following one Workload API address: it runs the client's gRPC
 * callbacks on threads of its own, so that {@link JavaSpiffeLog} can hand it the records written there.
 * It keeps the last problem (the agent's gRPC status, or what was wrong with an update) for the start-up
 * error, and logs each as one line instead of a stack trace: at debug level until the first SVID (the
 * start-up error will report it), then as a warning at most once a minute while the SVID in use is kept.
 */
final class WorkloadApiWatch {
    /** Logged under the source's name: that is what an operator looks for. */
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadApiIdentitySource.class);
    private static final Duration WARN_AT_MOST_EVERY = Duration.ofMinutes(1);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** A problem the client met: a gRPC status (the agent's, or gRPC's when it could not reach it), or a bad update. */
    record Problem(GrpcStatus status, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private final String address;
    private final LogRateLimit warnings = new LogRateLimit(WARN_AT_MOST_EVERY);
    private volatile Problem last;
    private volatile boolean started;
    private volatile boolean closing;
    /** Whether the call that just ended reported why (the callback threads take turns with it). */
    private volatile boolean endReported;

    WorkloadApiWatch(String address) {
        this.address = address;
        JavaSpiffeLog.install();
    }

    /** For the client's gRPC callbacks (DefaultWorkloadApiClient.ClientOptions). The client shuts it down. */
    ExecutorService executor() {
        return Executors.newCachedThreadPool(task -> new WatchThread(this, task));
    }

    /** The last problem met, or null. */
    Problem lastProblem() {
        return last;
    }

    /** The first SVID is in: from now on problems are warnings. */
    void started() {
        started = true;
    }

    /** The source is being closed: what the client says from now on (its call cancelled) is no news. */
    void closing() {
        closing = true;
    }

    /**
     * Takes a record java-spiffe (or gRPC) wrote on one of this watch's threads.
     *
     * @return true when handled here; false to let it go on to SLF4J as it is (updates, closing)
     */
    boolean take(LogRecord record) {
        if (closing) {
            return record.getLevel().intValue() < Level.INFO.intValue() || record.getThrown() != null;
        }
        Throwable thrown = record.getThrown();
        if (thrown == null && String.valueOf(record.getMessage()).startsWith("Retrying")) {
            Problem before = last;
            if (!endReported && (before == null || before.status() == null)) {
                // The client ended the call itself without a word: it could not read the answer. (A call
                // cancelled by close() looks the same, hence no overwriting of a status the agent gave.)
                report(new Problem(null, "an answer java-spiffe's client could not read (not an X509SVIDResponse)"));
            }
            endReported = false;
            return true;
        }
        if (thrown == null) {
            warnings.reset(); // an update or a note: the next problem is reported at once
            return false;
        }
        if (thrown instanceof WatcherException) {
            return true; // java-spiffe's watcher rethrowing a problem this watch has just taken
        }
        endReported = true;
        report(problem(thrown));
        return true;
    }

    private void report(Problem problem) {
        last = problem;
        if (!started) {
            LOG.debug("no X.509-SVID yet from the SPIFFE Workload API at {}: {}", address, problem);
        } else if (warnings.shouldLog()) {
            int skipped = warnings.skippedBeforeLast();
            LOG.warn("the SPIFFE Workload API at {}: {}; the current X.509-SVID stays in use while java-spiffe calls"
                    + " again{}", address, problem,
                    skipped == 0 ? "" : " (" + skipped + " more problems since the last warning)");
        }
    }

    static Problem problem(Throwable thrown) {
        if (hasStatus(thrown)) {
            Status status = Status.fromThrowable(thrown);
            String message = status.getDescription() == null ? "" : status.getDescription();
            Throwable cause = status.getCause();
            if (cause != null && cause.getMessage() != null) {
                message = (message.isEmpty() ? "" : message + " ") + "(" + cause.getMessage() + ")";
            }
            GrpcStatus grpc = new GrpcStatus(status.getCode().value(), message);
            return new Problem(grpc, grpc.toString());
        }
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        // java-spiffe's messages name the problem, never key bytes.
        return new Problem(null, "an unusable X.509-SVID update (" + why + ")");
    }

    private static boolean hasStatus(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.grpc.StatusRuntimeException || t instanceof io.grpc.StatusException) {
                return true;
            }
        }
        return false;
    }

    /** A thread that runs the client's callbacks for one watch. */
    static final class WatchThread extends Thread {
        private final WorkloadApiWatch watch;

        WatchThread(WorkloadApiWatch watch, Runnable task) {
            super(task, "spiffe-workload-api-" + THREADS.incrementAndGet());
            this.watch = watch;
            setDaemon(true);
        }

        WorkloadApiWatch watch() {
            return watch;
        }
    }
}
