package ist.spike.common.spiffe;

import io.spiffe.workloadapi.X509Source;
import ist.spike.common.workloadapi.X509SvidStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity from the SPIFFE Workload API on a unix socket, followed for as long as the program runs
 * with the built-in client ({@link X509SvidStream}) instead of java-spiffe's gRPC/Netty one, which costs
 * a server memory and start-up time (docs/performance.md). Each rotation the agent pushes is swapped in whole
 * (SVID and bundles together), and java-spiffe's key and trust managers see it from the next handshake.
 * If the agent goes away, the last SVID stays in use while the stream calls again.
 */
public final class StreamedIdentitySource implements IdentitySource {
    private static final Logger LOG = LoggerFactory.getLogger(StreamedIdentitySource.class);

    private final String address;
    private final IdentityUpdates updates;
    private final X509SvidStream stream;
    private final X509Source source;

    private StreamedIdentitySource(String address, IdentityUpdates updates, X509SvidStream stream) {
        this.address = address;
        this.updates = updates;
        this.stream = stream;
        this.source = new SnapshotX509Source(updates::current, address, this::close);
    }

    /**
     * Starts following the stream at {@code socket} and waits up to {@code timeout} for the first usable
     * SVID.
     *
     * @param address how the socket was named, for messages
     * @throws IdentityUnavailableException when none arrived in time
     */
    static StreamedIdentitySource open(Path socket, String address, Duration timeout) {
        long started = System.nanoTime();
        IdentityUpdates updates = new IdentityUpdates(address);
        X509SvidStream stream = X509SvidStream.follow(socket, updates);
        try {
            if (!updates.awaitFirst(timeout)) {
                stream.close();
                Exception why = updates.lastProblem();
                throw WorkloadApiIdentitySource.noAnswer(address, timeout,
                        why != null ? why : new IOException("no answer before the deadline"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.close();
            throw WorkloadApiIdentitySource.noAnswer(address, timeout, e);
        }
        LOG.info("X.509-SVID from the SPIFFE Workload API at {} after {} ms: {}", address,
                (System.nanoTime() - started) / 1_000_000, updates.current().describe());
        return new StreamedIdentitySource(address, updates, stream);
    }

    @Override
    public X509Source x509Source() {
        return source;
    }

    @Override
    public String description() {
        return "SPIFFE Workload API at " + address;
    }

    /** Stops following the stream: closes the socket and ends the thread. The last SVID stays readable. */
    @Override
    public void close() {
        stream.close();
    }

    /** How many SVID updates were taken, the first one included. */
    long updatesTaken() {
        return updates.taken();
    }
}
