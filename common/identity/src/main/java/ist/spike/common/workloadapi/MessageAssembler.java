package ist.spike.common.workloadapi;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Cuts gRPC's length-prefixed messages (1 byte "compressed" flag, 4 bytes length, the message) out of
 * a call's DATA, however the server split them into frames: one message over several frames, several
 * messages in one frame.
 */
final class MessageAssembler {
    /** gRPC's default limit for a received message. */
    static final int MAX_MESSAGE_BYTES = 4 << 20;
    private static final int PREFIX_BYTES = 5;
    private static final int INITIAL_CAPACITY = 4 << 10;
    /** Larger than this, the buffer is dropped once empty rather than kept for the life of a stream. */
    private static final int KEPT_CAPACITY = 64 << 10;

    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int start;
    private int end;

    void append(byte[] bytes, int offset, int length) {
        if (end + length > buffer.length) {
            int pending = end - start;
            byte[] target = pending + length > buffer.length
                    ? new byte[Math.max(pending + length, buffer.length * 2)]
                    : buffer;
            System.arraycopy(buffer, start, target, 0, pending);
            buffer = target;
            start = 0;
            end = pending;
        }
        System.arraycopy(bytes, offset, buffer, end, length);
        end += length;
    }

    /**
     * The next complete message, or null until more DATA arrives.
     *
     * @throws CallFailedException for a compressed message (none was asked for) or one over gRPC's limit
     */
    byte[] next() throws CallFailedException {
        int pending = end - start;
        if (pending < PREFIX_BYTES) {
            return null;
        }
        if (buffer[start] != 0) {
            throw new CallFailedException("a compressed gRPC message (none was asked for)");
        }
        long length = Integer.toUnsignedLong(ByteBuffer.wrap(buffer, start + 1, 4).getInt());
        if (length > MAX_MESSAGE_BYTES) {
            throw new CallFailedException("a gRPC message of " + length + " bytes");
        }
        if (pending < PREFIX_BYTES + length) {
            return null;
        }
        byte[] message = Arrays.copyOfRange(buffer, start + PREFIX_BYTES, start + PREFIX_BYTES + (int) length);
        start += PREFIX_BYTES + (int) length;
        if (start == end) {
            start = 0;
            end = 0;
            if (buffer.length > KEPT_CAPACITY) {
                buffer = new byte[INITIAL_CAPACITY];
            }
        }
        return message;
    }

    /** True between messages; false while part of one is buffered. */
    boolean isEmpty() {
        return start == end;
    }
}
