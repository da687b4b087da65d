package ist.spike.common.workloadapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads the server's half of one gRPC call: HTTP/2 frames in, whole gRPC messages out to a handler.
 * Does what HTTP/2 asks of a client along the way (SETTINGS and PING acknowledged, receive windows given
 * back as DATA is consumed) and turns every way a call ends (trailers, RST_STREAM, GOAWAY, end of the
 * connection) into a {@link CallFailedException}. Response headers need no decoding to find the
 * messages, so there is no HPACK decoder; PRIORITY, CONTINUATION and unknown frames are skipped.
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
    private final ReceiveWindow connectionWindow;
    private final ReceiveWindow streamWindow;
    private final MessageAssembler messages = new MessageAssembler();
    private boolean answered;

    /** For a call opened with {@link RequestFrames#firstFlight} and the same {@code window}. */
    ResponseReader(InputStream in, FrameWriter out, int window) {
        this.in = in;
        this.out = out;
        this.connectionWindow = new ReceiveWindow(RequestFrames.connectionWindow(window));
        this.streamWindow = new ReceiveWindow(window);
    }

    /**
     * Reads until the handler returns false.
     *
     * @throws CallFailedException when the server ends the call or the connection first
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
                case Http2Frame.HEADERS -> {
                    // Response headers come first; headers that end the stream are trailers.
                    if (frame.stream() == STREAM && frame.has(Http2Frame.FLAG_END_STREAM)) {
                        throw ended();
                    }
                }
                case Http2Frame.RST_STREAM -> {
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
                    if (!frame.has(Http2Frame.FLAG_ACK)) {
                        out.pingAck(frame.payload());
                    }
                }
                case Http2Frame.GOAWAY -> throw new CallFailedException("the server closed the connection (HTTP/2 GOAWAY)");
                default -> {
                    // WINDOW_UPDATE (we send one message, within the default window), PRIORITY,
                    // CONTINUATION of response headers, extension frames: nothing to do.
                }
            }
        }
    }

    /** Hands over the messages this DATA frame completes; false once the handler wants no more. */
    private boolean data(Http2Frame frame, MessageHandler handler) throws IOException {
        giveBack(connectionWindow, 0, frame.payload().length);
        if (frame.stream() != STREAM) {
            return true; // not ours (a server error); it still used connection window
        }
        giveBack(streamWindow, STREAM, frame.payload().length);
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

    private void giveBack(ReceiveWindow window, int stream, int consumed) throws IOException {
        int increment = window.consume(consumed);
        if (increment > 0) {
            out.windowUpdate(stream, increment);
        }
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
