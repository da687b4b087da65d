package ist.spike.common.workloadapi;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * One gRPC call over cleartext HTTP/2 on a unix socket, ended after the first response message (the
 * Workload API's fetch calls are server streams that stay open for rotations). Speaks just enough
 * HTTP/2: one stream, windows opened wide up front so no flow control is needed, SETTINGS and PING
 * acknowledged, response headers skipped (they need no decoding to find the message).
 */
final class GrpcCall {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0x0;
    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int SETTINGS = 0x4;
    private static final int PING = 0x6;
    private static final int GOAWAY = 0x7;
    private static final int WINDOW_UPDATE = 0x8;
    private static final int FLAG_END_STREAM = 0x1;
    private static final int FLAG_ACK = 0x1;
    private static final int FLAG_END_HEADERS = 0x4;
    private static final int FLAG_PADDED = 0x8;
    private static final int STREAM = 1;
    private static final int WIDE_WINDOW = 1 << 30;
    /** gRPC's default limit for a received message. */
    static final int MAX_MESSAGE_BYTES = 4 << 20;
    private static final int MAX_FRAME_BYTES = 1 << 24;

    private GrpcCall() {}

    /**
     * Calls {@code method} ("/package.Service/Method") with {@code request} and returns the first
     * response message.
     *
     * @throws CallFailedException when the server ends the call, or the connection, without a message
     * @throws IOException when the socket cannot be reached or read, or the deadline passes
     */
    static byte[] firstResponse(Path socket, String method, Map<String, String> metadata, byte[] request,
                                long deadlineNanos) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            Thread watchdog = closeAtDeadline(channel, deadlineNanos);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                writeFully(channel, firstFlight(method, metadata, request));
                return readFirstMessage(channel, new BufferedInputStream(Channels.newInputStream(channel)));
            } catch (ClosedChannelException e) { // closed by the watchdog
                throw new IOException("no answer before the deadline", e);
            } finally {
                watchdog.interrupt();
            }
        }
    }

    /** A blocking unix socket has no read timeout: close it at the deadline, which ends a blocked read. */
    private static Thread closeAtDeadline(SocketChannel channel, long deadlineNanos) {
        Thread watchdog = new Thread(() -> {
            try {
                long wait = deadlineNanos - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                channel.close();
            } catch (InterruptedException | IOException e) {
                // The call ended first, or the channel is closing anyway.
            }
        }, "workload-api-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
        return watchdog;
    }

    /** Preface, settings, a wide connection window, the request headers and the request message. */
    private static byte[] firstFlight(String method, Map<String, String> metadata, byte[] request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + request.length);
        out.writeBytes(PREFACE);
        ByteBuffer settings = ByteBuffer.allocate(12)
                .putShort((short) 0x2).putInt(0) // SETTINGS_ENABLE_PUSH = 0
                .putShort((short) 0x4).putInt(WIDE_WINDOW); // SETTINGS_INITIAL_WINDOW_SIZE
        frame(out, SETTINGS, 0, 0, settings.array());
        frame(out, WINDOW_UPDATE, 0, 0, ByteBuffer.allocate(4).putInt(WIDE_WINDOW - 65_535).array());

        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        headers.write(0x83); // :method POST (HPACK static table entry 3)
        headers.write(0x86); // :scheme http (entry 6)
        literalWithIndexedName(headers, 4, method); // :path
        literalWithIndexedName(headers, 1, "localhost"); // :authority
        literal(headers, "content-type", "application/grpc");
        literal(headers, "te", "trailers");
        metadata.forEach((name, value) -> literal(headers, name, value));
        frame(out, HEADERS, FLAG_END_HEADERS, STREAM, headers.toByteArray());

        ByteBuffer message = ByteBuffer.allocate(5 + request.length).put((byte) 0).putInt(request.length).put(request);
        frame(out, DATA, FLAG_END_STREAM, STREAM, message.array());
        return out.toByteArray();
    }

    private static byte[] readFirstMessage(SocketChannel channel, InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            byte[] header = in.readNBytes(9);
            if (header.length < 9) {
                throw new CallFailedException("the server closed the connection without a response");
            }
            int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
            int type = header[3] & 0xff;
            int flags = header[4] & 0xff;
            int stream = ByteBuffer.wrap(header, 5, 4).getInt() & 0x7fffffff;
            if (length > MAX_FRAME_BYTES) {
                throw new CallFailedException("an HTTP/2 frame of " + length + " bytes");
            }
            byte[] payload = readFully(in, length);
            switch (type) {
                case DATA -> {
                    if (stream == STREAM) {
                        appendData(message, payload, flags);
                        byte[] complete = completeMessage(message);
                        if (complete != null) {
                            return complete;
                        }
                        if ((flags & FLAG_END_STREAM) != 0) {
                            throw new CallFailedException("the server ended the call inside a message");
                        }
                    }
                }
                case HEADERS -> {
                    // Response headers come first; headers that end the stream are trailers: the call
                    // failed (or ended) before any message.
                    if (stream == STREAM && (flags & FLAG_END_STREAM) != 0) {
                        throw new CallFailedException("the server ended the call without a response");
                    }
                }
                case RST_STREAM -> {
                    if (stream == STREAM) {
                        throw new CallFailedException("the server reset the call (HTTP/2 error "
                                + ByteBuffer.wrap(payload).getInt() + ")");
                    }
                }
                case SETTINGS -> {
                    if ((flags & FLAG_ACK) == 0) {
                        writeFully(channel, frame(SETTINGS, FLAG_ACK, 0, new byte[0]));
                    }
                }
                case PING -> {
                    if ((flags & FLAG_ACK) == 0) {
                        writeFully(channel, frame(PING, FLAG_ACK, 0, payload));
                    }
                }
                case GOAWAY -> throw new CallFailedException("the server closed the connection (HTTP/2 GOAWAY)");
                default -> {
                    // WINDOW_UPDATE, PRIORITY, CONTINUATION of response headers: nothing to do.
                }
            }
        }
    }

    private static void appendData(ByteArrayOutputStream message, byte[] payload, int flags)
            throws CallFailedException {
        int offset = 0;
        int length = payload.length;
        if ((flags & FLAG_PADDED) != 0) {
            int padding = length == 0 ? -1 : payload[0] & 0xff;
            if (padding < 0 || padding >= length) {
                throw new CallFailedException("a DATA frame with bad padding");
            }
            offset = 1;
            length -= 1 + padding;
        }
        message.write(payload, offset, length);
    }

    /** The gRPC message once all of it is there (1 byte compression flag, 4 bytes length, message). */
    private static byte[] completeMessage(ByteArrayOutputStream buffered) throws CallFailedException {
        if (buffered.size() < 5) {
            return null;
        }
        byte[] bytes = buffered.toByteArray();
        if (bytes[0] != 0) {
            throw new CallFailedException("a compressed gRPC message (none was asked for)");
        }
        long length = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, 1, 4).getInt());
        if (length > MAX_MESSAGE_BYTES) {
            throw new CallFailedException("a gRPC message of " + length + " bytes");
        }
        if (bytes.length < 5 + length) {
            return null;
        }
        byte[] message = new byte[(int) length];
        System.arraycopy(bytes, 5, message, 0, message.length);
        return message;
    }

    private static void literalWithIndexedName(ByteArrayOutputStream out, int nameIndex, String value) {
        out.write(nameIndex); // 0000 + 4-bit index: literal without indexing; indexes used are < 15
        string(out, value);
    }

    private static void literal(ByteArrayOutputStream out, String name, String value) {
        out.write(0); // literal without indexing, new name
        string(out, name);
        string(out, value);
    }

    /** An HPACK string literal, not Huffman-coded; HPACK's integer encoding of its length. */
    private static void string(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length;
        if (length < 127) {
            out.write(length);
        } else {
            out.write(127);
            length -= 127;
            while (length >= 128) {
                out.write(length % 128 + 128);
                length /= 128;
            }
            out.write(length);
        }
        out.writeBytes(bytes);
    }

    private static void frame(ByteArrayOutputStream out, int type, int flags, int stream, byte[] payload) {
        out.writeBytes(frame(type, flags, stream, payload));
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        return ByteBuffer.allocate(9 + payload.length)
                .put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length)
                .put((byte) type).put((byte) flags).putInt(stream).put(payload)
                .array();
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the connection ended inside an HTTP/2 frame");
        }
        return bytes;
    }

    private static void writeFully(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** The server answered, but not with a response message. */
    static final class CallFailedException extends IOException {
        CallFailedException(String message) {
            super(message);
        }
    }
}
