package ist.spike.common.workloadapi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads protobuf's wire format: just what the Workload API's X.509 messages use. Every length and key it
 * reads is checked against the bytes left before it is used, so a hostile or broken message ends in a
 * {@link MalformedMessageException}, never in a loop or a huge allocation.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;
    /** The largest key: field number 2^29 - 1 (protobuf's limit) and wire type 7. */
    private static final long MAX_KEY = (1L << 32) - 1;

    private final byte[] data;
    private int position;
    private final int end;
    private int tag;

    ProtoReader(byte[] data) {
        this(data, 0, data.length);
    }

    private ProtoReader(byte[] data, int offset, int end) {
        this.data = data;
        this.position = offset;
        this.end = end;
    }

    /** Moves to the next field; false at the end of the message. */
    boolean next() {
        if (position >= end) {
            return false;
        }
        long key = varint();
        if (key < 0 || key > MAX_KEY) {
            throw new MalformedMessageException("field key " + Long.toUnsignedString(key) + " out of range");
        }
        tag = (int) key;
        if (fieldNumber() == 0) {
            throw new MalformedMessageException("field number 0");
        }
        return true;
    }

    int fieldNumber() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    byte[] bytes() {
        int length = length();
        byte[] value = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return value;
    }

    String string() {
        int length = length();
        String value = new String(data, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** The current length-delimited field as an embedded message. */
    ProtoReader message() {
        int length = length();
        ProtoReader embedded = new ProtoReader(data, position, position + length);
        position += length;
        return embedded;
    }

    void skip() {
        switch (wireType()) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> advance(length());
            case FIXED32 -> advance(4);
            default -> throw new MalformedMessageException("unsupported wire type " + wireType());
        }
    }

    private int length() {
        if (wireType() != LENGTH_DELIMITED) {
            throw new MalformedMessageException("field " + fieldNumber() + " is not length-delimited");
        }
        long length = varint();
        // A varint with its top bit set is a negative length as Java's long: refused, not used.
        if (length < 0 || length > end - position) {
            throw new MalformedMessageException("field " + fieldNumber() + " runs past the message");
        }
        return (int) length;
    }

    private void advance(int count) {
        if (count < 0 || count > end - position) {
            throw new MalformedMessageException("field " + fieldNumber() + " runs past the message");
        }
        position += count;
    }

    private long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new MalformedMessageException("truncated varint");
            }
            byte b = data[position++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new MalformedMessageException("varint longer than 10 bytes");
    }

    /** The message does not follow protobuf's wire format. */
    static final class MalformedMessageException extends RuntimeException {
        MalformedMessageException(String message) {
            super("malformed protobuf message: " + message);
        }
    }
}
