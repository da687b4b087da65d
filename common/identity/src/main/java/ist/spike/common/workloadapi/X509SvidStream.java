package ist.spike.common.workloadapi;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows the Workload API's {@code FetchX509SVID} stream on a unix socket for as long as the program
 * runs: the agent answers with the current SVIDs and then pushes every rotation on the same call. Each
 * response goes to a {@link Listener}, on one daemon thread. When the call or the connection ends (agent
 * restarted, GOAWAY, reset, trailers, end of file, a read error) it calls again after a backoff: 50 ms
 * doubling to 5 s, back to 50 ms once a response arrives.
 */
public final class X509SvidStream implements AutoCloseable {
    public static final String THREAD_NAME = "workload-api-stream";
    /**
     * HTTP/2's default window: small, so that giving window back is exercised in every deployment and
     * not only when a bundle is large; on a unix socket the round trips cost nothing.
     */
    static final int DEFAULT_WINDOW = Http2Frame.DEFAULT_WINDOW;
    private static final long FIRST_RETRY_MILLIS = 50;
    private static final long MAX_RETRY_MILLIS = 5_000;

    /** What the stream reports; called on the stream's thread, one call at a time. */
    public interface Listener {
        /** A response arrived: the first one on a call, or a rotation. It may hold no SVID. */
        void onResponse(X509SvidResponse response);

        /** A message arrived that is not an X509SVIDResponse; the call goes on. */
        void onMalformedResponse(String problem);

        /** The call ended, or could not be made; the next one starts in {@code retryIn}. */
        void onCallEnded(IOException cause, Duration retryIn);
    }

    private final Path socket;
    private final Listener listener;
    private final int window;
    private final Backoff backoff = new Backoff(FIRST_RETRY_MILLIS, MAX_RETRY_MILLIS);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    /** The call in progress, so that close() can end a blocked connect or read. */
    private GrpcCall call;

    private X509SvidStream(Path socket, Listener listener, int window) {
        this.socket = socket;
        this.listener = listener;
        this.window = window;
        // A platform thread: it spends its life blocked in one read, and must not pin a carrier.
        this.thread = Thread.ofPlatform().name(THREAD_NAME).daemon(true).unstarted(this::run);
    }

    /** Starts following the stream at {@code socket}; responses go to {@code listener}. */
    public static X509SvidStream follow(Path socket, Listener listener) {
        return follow(socket, listener, DEFAULT_WINDOW);
    }

    /** With a stream receive window of {@code window} bytes (tests make it smaller than one message). */
    static X509SvidStream follow(Path socket, Listener listener, int window) {
        X509SvidStream stream = new X509SvidStream(socket, listener, window);
        stream.thread.start();
        return stream;
    }

    /** Ends the call and the thread; returns once the thread is gone (or after a second). */
    @Override
    public void close() {
        closing.countDown();
        synchronized (this) {
            closeQuietly(call);
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean closed() {
        return closing.getCount() == 0;
    }

    private void run() {
        while (!closed()) {
            IOException cause;
            try {
                callOnce();
                continue; // returns only when closed
            } catch (IOException e) {
                cause = e;
            } catch (RuntimeException e) {
                // A bug must not end the thread: the program would keep its SVID until it expires.
                cause = new IOException("unexpected " + e, e);
            }
            if (closed()) {
                return;
            }
            long retryMillis = backoff.nextMillis();
            listener.onCallEnded(cause, Duration.ofMillis(retryMillis));
            try {
                if (closing.await(retryMillis, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                // Only close() ends this thread: a stray interrupt must not leave the program with an
                // SVID that no longer rotates. (Catching it cleared the flag, so the next call can run.)
            }
        }
    }

    private void callOnce() throws IOException {
        GrpcCall current = GrpcCall.create();
        try {
            synchronized (this) {
                if (closed()) {
                    return;
                }
                call = current;
            }
            current.run(socket, GrpcRequest.FETCH_X509_SVID, window, this::deliver);
        } finally {
            synchronized (this) {
                call = null;
            }
            closeQuietly(current);
        }
    }

    private boolean deliver(byte[] message) {
        X509SvidResponse response;
        try {
            response = X509SvidResponse.parse(message);
        } catch (ProtoReader.MalformedMessageException e) {
            listener.onMalformedResponse(e.getMessage());
            return true;
        }
        backoff.reset();
        listener.onResponse(response);
        return true;
    }

    private static void closeQuietly(GrpcCall call) {
        if (call != null) {
            try {
                call.close();
            } catch (IOException e) {
                // Closing is all we wanted.
            }
        }
    }
}
