package ist.spike.nexus.store.sealed;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A secret's key/value pairs as one byte string, so key names are encrypted together with the values.
 * Deterministic: format byte 1, the pair count, then for each key in sorted order its length-prefixed
 * UTF-8 key and value (4-byte big-endian lengths).
 */
final class SecretValuesCodec {
    private static final byte FORMAT = 1;

    private SecretValuesCodec() {}

    static byte[] encode(Map<String, String> values) {
        SortedMap<String, String> sorted = new TreeMap<>(values);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(FORMAT);
        writeInt(out, sorted.size());
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        return out.toByteArray();
    }

    /** Decodes what {@link #encode} wrote; anything else is a {@link IllegalArgumentException}. */
    static SortedMap<String, String> decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.get() != FORMAT) {
                throw new IllegalArgumentException("unknown secret values format");
            }
            int count = in.getInt();
            if (count < 0) {
                throw new IllegalArgumentException("negative pair count");
            }
            TreeMap<String, String> out = new TreeMap<>();
            String previous = null;
            for (int i = 0; i < count; i++) {
                String key = readString(in);
                if (previous != null && previous.compareTo(key) >= 0) {
                    throw new IllegalArgumentException("keys out of order");
                }
                out.put(key, readString(in));
                previous = key;
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return Collections.unmodifiableSortedMap(out);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated secret values");
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("bad string length");
        }
        int start = in.position();
        in.position(start + length);
        // The String constructor is much cheaper than a decoder but replaces invalid UTF-8 with U+FFFD;
        // only a string containing U+FFFD (rare, and possibly genuine) needs the strict check below.
        String text = new String(in.array(), in.arrayOffset() + start, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        ByteBuffer slice = in.slice(start, length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("invalid UTF-8");
        }
    }
}
