package ist.spike.common.workloadapi;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** One HTTP/2 frame (RFC 9113 section 4): its 9-byte header and payload, read or written whole. */
record Http2Frame(int type, int flags, int stream, byte[] payload) {
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;

    static final int FLAG_END_STREAM = 0x1;
    static final int FLAG_ACK = 0x1;
    static final int FLAG_END_HEADERS = 0x4;
    static final int FLAG_PADDED = 0x8;
    static final int FLAG_PRIORITY = 0x20;

    /** HTTP/2's window before any SETTINGS or WINDOW_UPDATE, for the connection and each stream. */
    static final int DEFAULT_WINDOW = 65_535;
    /** SETTINGS_MAX_FRAME_SIZE: HTTP/2's default, which we never raise, so a larger frame is an error. */
    static final int MAX_PAYLOAD_BYTES = 16_384;

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /**
     * The next frame, or null when the connection ended cleanly between two frames.
     *
     * @throws EOFException when it ended inside a frame
     */
    static Http2Frame read(InputStream in) throws IOException {
        byte[] header = in.readNBytes(9);
        if (header.length == 0) {
            return null;
        }
        if (header.length < 9) {
            throw new EOFException("the connection ended inside an HTTP/2 frame");
        }
        int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
        if (length > MAX_PAYLOAD_BYTES) {
            throw new CallFailedException("an HTTP/2 frame of " + length + " bytes, over the " + MAX_PAYLOAD_BYTES
                    + " allowed");
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new EOFException("the connection ended inside an HTTP/2 frame");
        }
        int stream = ByteBuffer.wrap(header, 5, 4).getInt() & 0x7fffffff;
        return new Http2Frame(header[3] & 0xff, header[4] & 0xff, stream, payload);
    }

    byte[] encode() {
        return ByteBuffer.allocate(9 + payload.length)
                .put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length)
                .put((byte) type).put((byte) flags).putInt(stream).put(payload)
                .array();
    }
}
