package ist.spike.common.workloadapi;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Fetches this workload's X.509-SVIDs once from the Workload API on a unix socket. Like java-spiffe
 * waiting for its first SVID, it tries again (an agent still starting, a registration not yet synced)
 * until the timeout.
 */
public final class X509SvidFetch {
    private static final String FETCH_X509_SVID = "/SpiffeWorkloadAPI/FetchX509SVID";
    /** The Workload API refuses calls without it (it proves the caller is not a browser). */
    private static final Map<String, String> SECURITY_HEADER = Map.of("workload.spiffe.io", "true");
    private static final long FIRST_RETRY_MILLIS = 50;
    private static final long MAX_RETRY_MILLIS = 1_000;

    private X509SvidFetch() {}

    /**
     * The first response with at least one SVID.
     *
     * @throws IOException the last attempt's failure, when the timeout passed without an SVID
     */
    public static X509SvidResponse fetch(Path socket, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long retryMillis = FIRST_RETRY_MILLIS;
        while (true) {
            IOException failure;
            try {
                X509SvidResponse response = X509SvidResponse.parse(
                        GrpcCall.firstResponse(socket, FETCH_X509_SVID, SECURITY_HEADER, new byte[0], deadline));
                if (!response.svids().isEmpty()) {
                    return response;
                }
                failure = new IOException("the Workload API answered with no SVID");
            } catch (ProtoReader.MalformedMessageException e) {
                failure = new IOException("the Workload API's answer is not an X509SVIDResponse: " + e.getMessage());
            } catch (IOException e) {
                failure = e;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= retryMillis) {
                Thread.sleep(Math.max(left, 0));
                throw failure; // no time left for another try
            }
            Thread.sleep(retryMillis);
            retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
        }
    }
}
