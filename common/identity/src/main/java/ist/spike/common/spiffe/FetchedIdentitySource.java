package ist.spike.common.spiffe;

import io.spiffe.workloadapi.X509Source;
import ist.spike.common.workloadapi.X509SvidFetch;
import ist.spike.common.workloadapi.X509SvidResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The identity fetched once from the Workload API on a unix socket, and never updated: for programs
 * that finish well within an SVID's lifetime (the agent hands out SVIDs with at least half of it
 * left), such as the {@code spike} CLI. It starts in milliseconds where java-spiffe's gRPC client
 * takes a few hundred in a fresh JVM.
 */
public final class FetchedIdentitySource implements IdentitySource {
    private final String address;
    private final X509Source source;

    private FetchedIdentitySource(X509Identity identity, String address) {
        this.address = address;
        this.source = new SnapshotX509Source(() -> identity, address, this::close);
    }

    /**
     * Fetches the SVID from {@code socket}, waiting up to {@code timeout} for the first one.
     *
     * @param address how the socket was named, for messages
     * @throws IdentityUnavailableException when no usable SVID arrived in time
     */
    static FetchedIdentitySource fetch(Path socket, String address, Duration timeout) {
        X509SvidResponse response;
        try {
            response = X509SvidFetch.fetch(socket, timeout);
        } catch (IOException e) {
            throw WorkloadApiIdentitySource.noAnswer(address, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WorkloadApiIdentitySource.noAnswer(address, timeout, e);
        }
        try {
            return new FetchedIdentitySource(X509Identity.from(response), address);
        } catch (X509Identity.UnusableSvidException e) {
            throw new IdentityUnavailableException("the SPIFFE Workload API at " + address
                    + " answered with an unusable X.509-SVID: " + e.getMessage(), null);
        }
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
