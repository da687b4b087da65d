package ist.spike.common.workloadapi;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The client's first flight, written in one go: the connection preface, our SETTINGS (no push, the
 * stream receive window), the connection window, then the request's HEADERS and its one DATA frame.
 * Headers are HPACK literals without indexing, so our side of HPACK keeps no state.
 */
final class RequestFrames {
    /** Our only stream: the first client-initiated one. */
    static final int STREAM = 1;
    /**
     * The stream's and the connection's receive window: twice gRPC's message limit, so the one message a
     * fetch reads never needs a WINDOW_UPDATE, and a server can never have sent much more than that
     * before the fetch stops reading.
     */
    static final int WINDOW = 2 * MessageAssembler.MAX_MESSAGE_BYTES;

    private static final int SETTINGS_ENABLE_PUSH = 0x2;
    private static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;

    private RequestFrames() {}

    /** The first flight of a call. */
    static byte[] firstFlight(GrpcRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + request.message().length);
        out.writeBytes(Http2Frame.PREFACE);
        ByteBuffer settings = ByteBuffer.allocate(12)
                .putShort((short) SETTINGS_ENABLE_PUSH).putInt(0)
                .putShort((short) SETTINGS_INITIAL_WINDOW_SIZE).putInt(WINDOW);
        write(out, Http2Frame.SETTINGS, 0, 0, settings.array());
        // The connection window is not a setting: only a WINDOW_UPDATE on stream 0 raises it.
        write(out, Http2Frame.WINDOW_UPDATE, 0, 0,
                ByteBuffer.allocate(4).putInt(WINDOW - Http2Frame.DEFAULT_WINDOW).array());
        write(out, Http2Frame.HEADERS, Http2Frame.FLAG_END_HEADERS, STREAM, headers(request));
        byte[] message = request.message();
        ByteBuffer data = ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message);
        write(out, Http2Frame.DATA, Http2Frame.FLAG_END_STREAM, STREAM, data.array());
        return out.toByteArray();
    }

    private static byte[] headers(GrpcRequest request) {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        headers.write(0x83); // :method POST (HPACK static table entry 3)
        headers.write(0x86); // :scheme http (entry 6)
        literalWithIndexedName(headers, 4, request.method()); // :path
        literalWithIndexedName(headers, 1, "localhost"); // :authority
        literal(headers, "content-type", "application/grpc");
        literal(headers, "te", "trailers");
        request.metadata().forEach((name, value) -> literal(headers, name, value));
        return headers.toByteArray();
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

    private static void write(ByteArrayOutputStream out, int type, int flags, int stream, byte[] payload) {
        out.writeBytes(new Http2Frame(type, flags, stream, payload).encode());
    }
}
