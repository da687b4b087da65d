package ist.spike.common.spiffe;

import io.spiffe.workloadapi.X509Source;
import ist.spike.common.workloadapi.CallFailedException;
import ist.spike.common.workloadapi.WorkloadApiAnswerException;
import ist.spike.common.workloadapi.X509SvidFetch;
import ist.spike.common.workloadapi.X509SvidResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The identity fetched once from the Workload API on a unix socket, and never updated: for programs
 * that finish well within an SVID's lifetime (the agent hands out SVIDs with at least half of it
 * left), such as the {@code spike} CLI, which it gets going much sooner than java-spiffe's gRPC client
 * in a fresh JVM (docs/adr/0009-identity-clients.md, docs/performance.md).
 */
public final class FetchedIdentitySource implements IdentitySource {
    private final String address;
    private final X509Source source;

    private FetchedIdentitySource(X509Identity identity, String address) {
        this.address = address;
        this.source = new SnapshotX509Source(() -> identity, address, this::close);
    }

    /**
     * Fetches the SVID from {@code socket}: at once an error when there is no socket or the agent answers
     * without an SVID, after up to {@code wait} when nothing answers.
     *
     * @param address how the socket was named, for messages
     * @throws IdentityUnavailableException when no usable SVID could be had; the message names the
     *     socket and what the agent answered
     */
    static FetchedIdentitySource fetch(Path socket, String address, Duration wait) {
        X509SvidResponse response;
        try {
            response = X509SvidFetch.fetch(socket, wait);
        } catch (NoSuchFileException e) {
            throw WorkloadApiErrors.noSocket(socket);
        } catch (WorkloadApiAnswerException e) {
            if (e.status() != null && e.status().code() == ist.spike.common.workloadapi.GrpcStatus.UNAVAILABLE) {
                throw WorkloadApiErrors.noAnswer(address, wait, "it answered " + e.getMessage(), e);
            }
            throw WorkloadApiErrors.answered(address, e.getMessage(), e.status(), e);
        } catch (IOException e) {
            throw WorkloadApiErrors.noAnswer(address, wait, describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WorkloadApiErrors.noAnswer(address, wait, "interrupted", e);
        }
        try {
            return new FetchedIdentitySource(X509Identity.from(response), address);
        } catch (X509Identity.UnusableSvidException e) {
            throw WorkloadApiErrors.answered(address, "an unusable X.509-SVID: " + e.getMessage(), null, null);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "the socket exists, but nothing accepts connections on it (" + e.getMessage() + ")";
        }
        if (e instanceof CallFailedException) {
            return e.getMessage();
        }
        String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return "the connection failed (" + why + ")";
    }

    @Override
    public X509Source x509Source() {
        return source;
    }

    @Override
    public String description() {
        return "SPIFFE Workload API at " + address + " (fetched once)";
    }

    @Override
    public void close() {
        // Nothing open: the connection ended with the fetch.
    }
}
