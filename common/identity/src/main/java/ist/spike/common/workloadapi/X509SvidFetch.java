package ist.spike.common.workloadapi;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Fetches this workload's X.509-SVIDs once from the Workload API on a unix socket. Like java-spiffe
 * waiting for its first SVID, it tries again (an agent still starting, a registration not yet synced)
 * until the timeout.
 */
public final class X509SvidFetch {
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
        Backoff backoff = new Backoff(FIRST_RETRY_MILLIS, MAX_RETRY_MILLIS);
        while (true) {
            IOException failure;
            try {
                X509SvidResponse response = X509SvidResponse.parse(
                        GrpcCall.firstResponse(socket, GrpcRequest.FETCH_X509_SVID, deadline));
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
            long retryMillis = backoff.nextMillis();
            if (left <= retryMillis) {
                Thread.sleep(Math.max(left, 0));
                throw failure; // no time left for another try
            }
            Thread.sleep(retryMillis);
        }
    }
}
