package ist.spike.common.workloadapi;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * One gRPC call over cleartext HTTP/2 on its own unix socket connection, on one stream. The thread
 * that {@link #run}s it does all the reading and writing; {@link #close} from any other thread ends
 * whatever that thread is blocked in.
 */
final class GrpcCall implements Closeable {
    private final SocketChannel channel;

    private GrpcCall(SocketChannel channel) {
        this.channel = channel;
    }

    /** A call not yet connected, so that it can be closed while it connects. */
    static GrpcCall create() throws IOException {
        return new GrpcCall(SocketChannel.open(StandardProtocolFamily.UNIX));
    }

    /**
     * Connects to {@code socket}, sends {@code request} and hands each response message to
     * {@code handler} until it returns false.
     *
     * @throws CallFailedException when the server ends the call or the connection first
     * @throws IOException when the socket cannot be reached or read, or the call was closed
     */
    void run(Path socket, GrpcRequest request, ResponseReader.MessageHandler handler) throws IOException {
        channel.connect(UnixDomainSocketAddress.of(socket));
        FrameWriter out = new FrameWriter(channel);
        out.write(RequestFrames.firstFlight(request));
        new ResponseReader(new BufferedInputStream(Channels.newInputStream(channel)), out).read(handler);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * Calls {@code request} and returns the first response message (the Workload API's fetch calls are
     * server streams that stay open for rotations; this leaves after the first).
     *
     * @throws CallFailedException when the server ends the call, or the connection, without a message
     * @throws IOException when the socket cannot be reached or read, or the deadline passes
     */
    static byte[] firstResponse(Path socket, GrpcRequest request, long deadlineNanos) throws IOException {
        try (GrpcCall call = create()) {
            Thread watchdog = call.closeAtDeadline(deadlineNanos);
            try {
                byte[][] first = new byte[1][];
                call.run(socket, request, message -> {
                    first[0] = message;
                    return false;
                });
                return first[0];
            } catch (ClosedChannelException e) { // closed by the watchdog
                throw new IOException("no answer before the deadline", e);
            } finally {
                watchdog.interrupt();
            }
        }
    }

    /** A blocking unix socket has no read timeout: close it at the deadline, which ends a blocked read. */
    private Thread closeAtDeadline(long deadlineNanos) {
        Thread watchdog = new Thread(() -> {
            try {
                long wait = deadlineNanos - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                close();
            } catch (InterruptedException | IOException e) {
                // The call ended first, or the channel is closing anyway.
            }
        }, "workload-api-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
        return watchdog;
    }
}
