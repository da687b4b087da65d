package ist.spike.common.workloadapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the server's half of one gRPC call: HTTP/2 frames in, whole gRPC messages out to a handler.
 * Does what HTTP/2 asks of a client along the way (SETTINGS and PING acknowledged, every header block
 * HPACK-decoded in order; the first flight's receive windows outlast any one message) and turns every
 * way a call ends into an exception: trailers with an error status into a {@link WorkloadApiAnswerException} naming it,
 * RST_STREAM, GOAWAY and the end of the connection into a {@link CallFailedException}. PRIORITY and
 * unknown frames are skipped.
 */
final class ResponseReader {
    private static final int STREAM = RequestFrames.STREAM;

    /** Where the messages go. */
    interface MessageHandler {
        /** Takes one response message; returns false to stop reading (the one-shot fetch). */
        boolean onMessage(byte[] message) throws IOException;
    }

    private final InputStream in;
    private final FrameWriter out;
    private final MessageAssembler messages = new MessageAssembler();
    private final HpackDecoder hpack = new HpackDecoder();
    private boolean headersSeen;
    private boolean answered;

    /** For a call opened with {@link RequestFrames#firstFlight}. */
    ResponseReader(InputStream in, FrameWriter out) {
        this.in = in;
        this.out = out;
    }

    /**
     * Reads until the handler returns false.
     *
     * @throws WorkloadApiAnswerException when the call ends with an error status, or an HTTP status not 200
     * @throws CallFailedException when the server ends the call or the connection otherwise
     * @throws IOException when the connection cannot be read
     */
    void read(MessageHandler handler) throws IOException {
        while (true) {
            Http2Frame frame = Http2Frame.read(in);
            if (frame == null) {
                throw new CallFailedException(answered ? "the server closed the connection"
                        : "the server closed the connection without a response");
            }
            switch (frame.type()) {
                case Http2Frame.DATA -> {
                    if (!data(frame, handler)) {
                        return;
                    }
                }
                case Http2Frame.HEADERS -> headers(frame);
                case Http2Frame.CONTINUATION -> throw new CallFailedException("a CONTINUATION frame that continues nothing");
                case Http2Frame.RST_STREAM -> {
                    if (frame.payload().length != 4) {
                        throw new CallFailedException("an RST_STREAM frame of " + frame.payload().length + " bytes");
                    }
                    if (frame.stream() == STREAM) {
                        throw new CallFailedException("the server reset the call (HTTP/2 error "
                                + ByteBuffer.wrap(frame.payload()).getInt() + ")");
                    }
                }
                case Http2Frame.SETTINGS -> {
                    if (!frame.has(Http2Frame.FLAG_ACK)) {
                        out.settingsAck();
                    }
                }
                case Http2Frame.PING -> {
                    if (frame.payload().length != 8) {
                        throw new CallFailedException("a PING frame of " + frame.payload().length + " bytes");
                    }
                    if (!frame.has(Http2Frame.FLAG_ACK)) {
                        out.pingAck(frame.payload());
                    }
                }
                case Http2Frame.GOAWAY -> throw new CallFailedException("the server closed the connection (HTTP/2 GOAWAY)");
                default -> {
                    // WINDOW_UPDATE (we send one small message), PRIORITY, extension frames: nothing to do.
                }
            }
        }
    }

    /**
     * A header block: response headers first, then trailers (END_STREAM), or both at once in a
     * trailers-only response. Every block is decoded, whichever stream, to keep HPACK's table in step.
     */
    private void headers(Http2Frame first) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try {
            for (HpackDecoder.Field field : hpack.decode(headerBlock(first))) {
                fields.putIfAbsent(field.name(), field.value());
            }
        } catch (HpackDecoder.HpackException e) {
            throw new CallFailedException(e.getMessage());
        }
        if (first.stream() != STREAM) {
            return;
        }
        if (!headersSeen) {
            headersSeen = true;
            String status = fields.get(":status");
            if (!"200".equals(status)) {
                throw new WorkloadApiAnswerException("HTTP status " + status + " instead of a gRPC response");
            }
        }
        if (first.has(Http2Frame.FLAG_END_STREAM)) {
            GrpcStatus status;
            try {
                status = GrpcStatus.fromTrailers(fields.get("grpc-status"), fields.get("grpc-message"));
            } catch (NumberFormatException e) {
                throw new CallFailedException("a grpc-status that is not a number");
            }
            if (status != null && status.code() != GrpcStatus.OK) {
                throw new WorkloadApiAnswerException(status);
            }
            throw ended();
        }
    }

    /** The HPACK block of a HEADERS frame and its CONTINUATION frames, without padding or priority. */
    private byte[] headerBlock(Http2Frame first) throws IOException {
        byte[] payload = first.payload();
        int offset = 0;
        int length = payload.length;
        if (first.has(Http2Frame.FLAG_PADDED)) {
            int padding = length == 0 ? -1 : payload[0] & 0xff;
            if (padding < 0 || padding >= length) {
                throw new CallFailedException("a HEADERS frame with bad padding");
            }
            offset = 1;
            length -= 1 + padding;
        }
        if (first.has(Http2Frame.FLAG_PRIORITY)) {
            if (length < 5) {
                throw new CallFailedException("a HEADERS frame too short for its priority");
            }
            offset += 5;
            length -= 5;
        }
        ByteArrayOutputStream block = new ByteArrayOutputStream(length);
        block.write(payload, offset, length);
        Http2Frame last = first;
        while (!last.has(Http2Frame.FLAG_END_HEADERS)) {
            last = Http2Frame.read(in);
            if (last == null || last.type() != Http2Frame.CONTINUATION || last.stream() != first.stream()) {
                throw new CallFailedException("a header block not continued by CONTINUATION frames");
            }
            if (block.size() + last.payload().length > HpackDecoder.MAX_HEADER_LIST_SIZE) {
                throw new CallFailedException("a header block over " + HpackDecoder.MAX_HEADER_LIST_SIZE + " bytes");
            }
            block.writeBytes(last.payload());
        }
        return block.toByteArray();
    }

    /** Hands over the messages this DATA frame completes; false once the handler wants no more. */
    private boolean data(Http2Frame frame, MessageHandler handler) throws IOException {
        if (frame.stream() != STREAM) {
            return true; // not ours (a server error)
        }
        append(frame);
        for (byte[] message = messages.next(); message != null; message = messages.next()) {
            answered = true;
            if (!handler.onMessage(message)) {
                return false;
            }
        }
        if (frame.has(Http2Frame.FLAG_END_STREAM)) {
            throw messages.isEmpty() ? ended() : new CallFailedException("the server ended the call inside a message");
        }
        return true;
    }

    private void append(Http2Frame frame) throws CallFailedException {
        byte[] payload = frame.payload();
        int offset = 0;
        int length = payload.length;
        if (frame.has(Http2Frame.FLAG_PADDED)) {
            int padding = length == 0 ? -1 : payload[0] & 0xff;
            if (padding < 0 || padding >= length) {
                throw new CallFailedException("a DATA frame with bad padding");
            }
            offset = 1;
            length -= 1 + padding;
        }
        messages.append(payload, offset, length);
    }

    private CallFailedException ended() {
        return new CallFailedException(answered ? "the server ended the call"
                : "the server ended the call without a response");
    }
}
