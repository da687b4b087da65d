package ist.spike.common.spiffe;

import io.spiffe.exception.SocketEndpointAddressException;
import io.spiffe.exception.X509SourceException;
import io.spiffe.workloadapi.DefaultX509Source;
import io.spiffe.workloadapi.X509Source;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity from the SPIFFE Workload API (a SPIRE agent, or the dev identity provider) through
 * java-spiffe's gRPC/Netty client, which keeps a stream open to the agent and swaps in rotated SVIDs and
 * bundles as they arrive. {@link IdentitySources} uses it only for a {@code tcp://} address; a unix
 * socket gets the lighter {@link StreamedIdentitySource}.
 */
public final class WorkloadApiIdentitySource implements IdentitySource {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadApiIdentitySource.class);

    private final DefaultX509Source source;
    private final String address;

    private WorkloadApiIdentitySource(DefaultX509Source source, String address) {
        this.source = source;
        this.address = address;
    }

    /**
     * Connects to the Workload API at {@code address} ({@code unix:/path}, {@code unix:///path}; a bare
     * absolute path is taken as a unix socket) and waits up to {@code timeout} for the first SVID.
     *
     * @throws IdentityUnavailableException when no SVID arrived in time
     * @throws IllegalArgumentException when the address is malformed
     */
    public static WorkloadApiIdentitySource open(String address, Duration timeout) {
        JulBridge.install();
        String normalized = address.startsWith("/") ? "unix:" + address : address;
        long started = System.nanoTime();
        try {
            DefaultX509Source source = DefaultX509Source.newSource(DefaultX509Source.X509SourceOptions.builder()
                    .spiffeSocketPath(normalized)
                    .initTimeout(timeout)
                    .build());
            LOG.info("X.509-SVID for {} from the SPIFFE Workload API at {} after {} ms",
                    source.getX509Svid().getSpiffeId(), normalized, (System.nanoTime() - started) / 1_000_000);
            return new WorkloadApiIdentitySource(source, normalized);
        } catch (SocketEndpointAddressException e) {
            throw new IllegalArgumentException("not a Workload API address: " + address
                    + " (expected unix:///path/to/agent.sock)", e);
        } catch (X509SourceException e) {
            throw noAnswer(normalized, timeout, e);
        }
    }

    static IdentityUnavailableException noAnswer(String address, Duration timeout, Exception cause) {
        return new IdentityUnavailableException("no SPIFFE Workload API answered at " + address
                + " with an X.509-SVID within " + format(timeout)
                + " (is the SPIRE agent running, and is this workload registered? set "
                + IdentitySources.SPIFFE_ENDPOINT_SOCKET + " or " + IdentitySources.SPIKE_SVID_DIR + ")", cause);
    }

    @Override
    public X509Source x509Source() {
        return source;
    }

    @Override
    public String description() {
        return "SPIFFE Workload API at " + address;
    }

    @Override
    public void close() {
        source.close();
    }

    /** "30s" rather than "PT30S", to match how the variable is written. */
    private static String format(Duration duration) {
        if (duration.toMillisPart() == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }
}
