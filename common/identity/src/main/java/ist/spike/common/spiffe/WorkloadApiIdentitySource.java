package ist.spike.common.spiffe;

import io.spiffe.exception.SocketEndpointAddressException;
import io.spiffe.exception.X509SourceException;
import io.spiffe.workloadapi.DefaultWorkloadApiClient;
import io.spiffe.workloadapi.DefaultX509Source;
import io.spiffe.workloadapi.WorkloadApiClient;
import io.spiffe.workloadapi.X509Source;
import io.spiffe.workloadapi.retry.ExponentialBackoffPolicy;
import ist.spike.common.workloadapi.GrpcStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity from the SPIFFE Workload API (a SPIRE agent, or the dev identity provider) through
 * java-spiffe's client, the SPIFFE project's own, which keeps a stream open to the agent, swaps in
 * rotated SVIDs and bundles as they arrive, and calls again with a backoff when the stream ends. Every
 * long-running program takes its identity this way (docs/adr/0009-identity-clients.md). What the agent
 * answered reaches logs and errors as one line through a {@link WorkloadApiWatch}.
 */
public final class WorkloadApiIdentitySource implements IdentitySource {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadApiIdentitySource.class);
    /**
     * Calls again after 1 s, doubling up to 5 s (java-spiffe's default goes up to 60 s): a start-up wait
     * of 30 s then still sees an agent that comes up late, and an agent restart costs a few seconds.
     * java-spiffe counts delays in whole seconds.
     */
    private static final ExponentialBackoffPolicy BACKOFF = ExponentialBackoffPolicy.builder()
            .initialDelay(Duration.ofSeconds(1)).maxDelay(Duration.ofSeconds(5)).build();

    private final DefaultX509Source source;
    private final String address;
    private final WorkloadApiWatch watch;

    private WorkloadApiIdentitySource(DefaultX509Source source, String address, WorkloadApiWatch watch) {
        this.source = source;
        this.address = address;
        this.watch = watch;
    }

    /**
     * Connects to the Workload API at {@code address} ({@code unix:/path}, {@code unix:///path}, a bare
     * absolute path, or {@code tcp://host:port}) and waits up to {@code timeout} for the first SVID.
     *
     * @throws IdentityUnavailableException when the agent refused the call, or no SVID arrived in time;
     *     the message names the address and the agent's last answer
     * @throws IllegalArgumentException when the address is malformed
     */
    public static WorkloadApiIdentitySource open(String address, Duration timeout) {
        String normalized = address.startsWith("/") ? "unix:" + address : address;
        long started = System.nanoTime();
        WorkloadApiWatch watch = new WorkloadApiWatch(normalized);
        WorkloadApiClient client = client(address, normalized, watch);
        DefaultX509Source source;
        try {
            source = DefaultX509Source.newSource(DefaultX509Source.X509SourceOptions.builder()
                    .workloadApiClient(client)
                    .initTimeout(wholeSeconds(timeout))
                    .build());
        } catch (SocketEndpointAddressException e) {
            throw notAnAddress(address, e); // not thrown with a client given; declared by the method
        } catch (X509SourceException e) {
            watch.closing(); // newSource has closed the client
            throw noSvid(normalized, timeout, watch, e);
        }
        try {
            source.getX509Svid();
        } catch (IllegalStateException e) {
            // java-spiffe gives up at once on a call the agent refused (InvalidArgument) or a first update
            // it cannot use, and returns a source without an SVID.
            watch.closing();
            source.close();
            WorkloadApiWatch.Problem problem = watch.lastProblem();
            throw WorkloadApiErrors.answered(normalized, problem != null ? problem.text() : "without an X.509-SVID",
                    problem != null ? problem.status() : null, null);
        }
        watch.started();
        LOG.info("X.509-SVID for {} from the SPIFFE Workload API at {} after {} ms",
                source.getX509Svid().getSpiffeId(), normalized, (System.nanoTime() - started) / 1_000_000);
        return new WorkloadApiIdentitySource(source, normalized, watch);
    }

    private static WorkloadApiClient client(String address, String normalized, WorkloadApiWatch watch) {
        ExecutorService callbacks = watch.executor();
        try {
            return DefaultWorkloadApiClient.newClient(DefaultWorkloadApiClient.ClientOptions.builder()
                    .spiffeSocketPath(normalized)
                    .exponentialBackoffPolicy(BACKOFF)
                    .executorService(callbacks)
                    .build());
        } catch (SocketEndpointAddressException | IllegalArgumentException e) {
            callbacks.shutdown();
            throw notAnAddress(address, e);
        }
    }

    private static IllegalArgumentException notAnAddress(String address, Exception e) {
        return new IllegalArgumentException("not a Workload API address: " + address
                + " (expected unix:///path/to/agent.sock)", e);
    }

    /** No SVID within the timeout: say whether there was a socket at all, else what the agent last answered. */
    private static IdentityUnavailableException noSvid(String address, Duration timeout, WorkloadApiWatch watch,
                                                       Exception cause) {
        Path socket = IdentitySources.unixSocketPath(address);
        if (socket != null && !Files.exists(socket)) {
            return WorkloadApiErrors.noAnswer(address, timeout, "there is no socket at " + socket, cause);
        }
        WorkloadApiWatch.Problem problem = watch.lastProblem();
        if (problem == null) {
            return WorkloadApiErrors.noAnswer(address, timeout, null, cause);
        }
        boolean agentAnswered = problem.status() != null && problem.status().code() != GrpcStatus.UNAVAILABLE;
        return WorkloadApiErrors.noAnswer(address, timeout, (agentAnswered ? "it answered " : "") + problem, cause);
    }

    /** java-spiffe waits whole seconds, and not at all for less than one. */
    private static Duration wholeSeconds(Duration timeout) {
        long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
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
        watch.closing();
        source.close();
    }
}
