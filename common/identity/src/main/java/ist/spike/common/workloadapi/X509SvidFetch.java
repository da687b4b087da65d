package ist.spike.common.workloadapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;

/**
 * Fetches this workload's X.509-SVIDs once from the Workload API on a unix socket, for a program that
 * is done long before its SVID expires (the CLI). It fails at once when there is no socket, or when the
 * agent answers with anything but an SVID (a gRPC error status, a malformed message); it waits, up to
 * a deadline, only while the socket exists and nothing answers yet: connection refused, no answer,
 * {@code Unavailable} (an agent starting or restarting).
 */
public final class X509SvidFetch {
    private static final long FIRST_RETRY_MILLIS = 50;
    private static final long MAX_RETRY_MILLIS = 1_000;

    private X509SvidFetch() {}

    /**
     * The first response, which holds at least one SVID.
     *
     * @param wait how long to wait for an agent that does not answer yet
     * @throws NoSuchFileException when there is no socket at {@code socket}
     * @throws WorkloadApiAnswerException when the agent answered without an SVID (its gRPC status, if any)
     * @throws IOException the last attempt's failure, when nothing answered within {@code wait}; or
     *     {@code socket} is not a socket
     */
    public static X509SvidResponse fetch(Path socket, Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Backoff backoff = new Backoff(FIRST_RETRY_MILLIS, MAX_RETRY_MILLIS);
        while (true) {
            requireSocket(socket);
            IOException failure;
            try {
                return svids(GrpcCall.firstResponse(socket, GrpcRequest.FETCH_X509_SVID, deadline));
            } catch (WorkloadApiAnswerException e) {
                if (e.status() == null || e.status().code() != GrpcStatus.UNAVAILABLE) {
                    throw e; // an answer: asking again would get the same one
                }
                failure = e;
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

    private static X509SvidResponse svids(byte[] message) throws WorkloadApiAnswerException {
        X509SvidResponse response;
        try {
            response = X509SvidResponse.parse(message);
        } catch (ProtoReader.MalformedMessageException e) {
            throw new WorkloadApiAnswerException("a message that is not an X509SVIDResponse (" + e.getMessage() + ")");
        }
        if (response.svids().isEmpty()) {
            throw new WorkloadApiAnswerException("an X509SVIDResponse without an SVID");
        }
        return response;
    }

    /** A missing socket fails at once: no agent is serving it, and waiting would only delay the error. */
    private static void requireSocket(Path socket) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(socket, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(socket.toString(), null, "no such socket");
        }
        if (!attributes.isOther()) {
            throw new IOException(socket + " is not a socket");
        }
    }
}
