package ist.spike.common.workloadapi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Writes to a call's channel. Synchronized, so two frames never interleave even if a second thread
 * ever writes; today only the thread reading the call writes (the first flight, then acks).
 */
final class FrameWriter {
    private final SocketChannel channel;

    FrameWriter(SocketChannel channel) {
        this.channel = channel;
    }

    synchronized void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    void settingsAck() throws IOException {
        write(new Http2Frame(Http2Frame.SETTINGS, Http2Frame.FLAG_ACK, 0, new byte[0]).encode());
    }

    /** A PING is answered with the same 8 bytes. */
    void pingAck(byte[] opaque) throws IOException {
        write(new Http2Frame(Http2Frame.PING, Http2Frame.FLAG_ACK, 0, opaque).encode());
    }
}
