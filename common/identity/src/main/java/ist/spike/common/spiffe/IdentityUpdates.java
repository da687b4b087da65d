package ist.spike.common.spiffe;

import ist.spike.common.workloadapi.X509SvidResponse;
import ist.spike.common.workloadapi.X509SvidStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Workload API stream's news does to the current identity: a usable SVID is swapped in whole,
 * anything else is logged (never with key material) and ignored, so the previous identity stays. A
 * stream that ends is a warning, rate-limited, once there is an identity to keep using; before that,
 * failures are expected (an agent still starting) and the start-up timeout reports the last one.
 */
final class IdentityUpdates implements X509SvidStream.Listener {
    /** Logged under the source's name: that is what an operator looks for. */
    private static final Logger LOG = LoggerFactory.getLogger(StreamedIdentitySource.class);
    private static final Duration WARN_AT_MOST_EVERY = Duration.ofMinutes(1);

    private final String address;
    private final CountDownLatch firstTaken = new CountDownLatch(1);
    private final LogRateLimit endedWarnings = new LogRateLimit(WARN_AT_MOST_EVERY);
    private volatile X509Identity current;
    /** Why there is no identity yet: the start-up timeout's cause. */
    private volatile Exception lastProblem;
    private volatile long taken;
    /** Calls that ended since the last response; the stream thread's only. */
    private int endedCalls;

    IdentityUpdates(String address) {
        this.address = address;
    }

    /** The current identity; null until the first usable SVID. */
    X509Identity current() {
        return current;
    }

    /** Waits for the first usable SVID; false if none came within {@code timeout}. */
    boolean awaitFirst(Duration timeout) throws InterruptedException {
        return firstTaken.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The last reason no SVID could be taken, or null if the Workload API never said anything. */
    Exception lastProblem() {
        return lastProblem;
    }

    /** How many SVID updates were taken (the first one included). */
    long taken() {
        return taken;
    }

    @Override
    public void onResponse(X509SvidResponse response) {
        answered();
        X509Identity next;
        try {
            next = X509Identity.from(response).withMatchingKey();
        } catch (X509Identity.UnusableSvidException e) {
            ignore(e.getMessage(), e);
            return;
        }
        X509Identity previous = current;
        current = next;
        taken++; // only the stream thread writes it
        if (previous == null) {
            firstTaken.countDown();
        } else if (previous.svid().getLeaf().equals(next.svid().getLeaf())) {
            // A new call answers with the SVID we have; bundles may have changed.
            LOG.debug("X.509-SVID from the SPIFFE Workload API at {} unchanged: {}", address, next.describe());
        } else {
            LOG.info("rotated X.509-SVID from the SPIFFE Workload API at {}: {}", address, next.describe());
        }
    }

    @Override
    public void onMalformedResponse(String problem) {
        answered();
        ignore(problem, new IOException(problem));
    }

    @Override
    public void onCallEnded(IOException cause, Duration retryIn) {
        endedCalls++;
        X509Identity kept = current;
        if (kept == null) {
            lastProblem = cause;
            LOG.debug("no X.509-SVID yet from the SPIFFE Workload API at {} ({}); calling again in {} ms",
                    address, describe(cause), retryIn.toMillis());
        } else if (endedWarnings.shouldLog()) {
            int skipped = endedWarnings.skippedBeforeLast();
            LOG.warn("the SPIFFE Workload API stream at {} ended ({}); still using {}; calling again in {} ms{}",
                    address, describe(cause), kept.describe(), retryIn.toMillis(),
                    skipped == 0 ? "" : " (" + skipped + " more ended or failed calls since the last warning)");
        }
    }

    /** The agent answers (again): say so after an outage, and let the next one be reported at once. */
    private void answered() {
        if (endedCalls > 0 && current != null) {
            LOG.info("the SPIFFE Workload API at {} answers again after {} ended or failed call(s)", address, endedCalls);
        }
        endedCalls = 0;
        endedWarnings.reset();
    }

    private void ignore(String problem, Exception cause) {
        X509Identity kept = current;
        if (kept == null) {
            lastProblem = cause;
            LOG.debug("the SPIFFE Workload API at {} sent no usable X.509-SVID yet: {}", address, problem);
        } else {
            LOG.warn("the SPIFFE Workload API at {} sent an update without a usable X.509-SVID ({}); ignored, still using {}",
                    address, problem, kept.describe());
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
