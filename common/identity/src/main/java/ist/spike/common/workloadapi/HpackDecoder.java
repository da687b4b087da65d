package ist.spike.common.workloadapi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Decodes HPACK header blocks (RFC 7541) of one HTTP/2 connection, in the order they arrive: the dynamic
 * table is the connection's, so every block is decoded even when only the trailers matter. Every integer
 * and length is bounded by the bytes left and by the limits below, so a hostile block is an
 * {@link HpackException}, not a large allocation.
 */
final class HpackDecoder {
    /** SETTINGS_HEADER_TABLE_SIZE: HTTP/2's default, which we never change. */
    static final int MAX_TABLE_SIZE = 4096;
    /** Decoded names and values of one block together (with RFC 7541's 32 bytes per field). */
    static final int MAX_HEADER_LIST_SIZE = 64 << 10;
    private static final int ENTRY_OVERHEAD = 32;

    /** Name, value, name, value... for indexes 1 to 61 (RFC 7541 appendix A). */
    private static final String[] STATIC = {
        ":authority", "",
        ":method", "GET",
        ":method", "POST",
        ":path", "/",
        ":path", "/index.html",
        ":scheme", "http",
        ":scheme", "https",
        ":status", "200",
        ":status", "204",
        ":status", "206",
        ":status", "304",
        ":status", "400",
        ":status", "404",
        ":status", "500",
        "accept-charset", "",
        "accept-encoding", "gzip, deflate",
        "accept-language", "",
        "accept-ranges", "",
        "accept", "",
        "access-control-allow-origin", "",
        "age", "",
        "allow", "",
        "authorization", "",
        "cache-control", "",
        "content-disposition", "",
        "content-encoding", "",
        "content-language", "",
        "content-length", "",
        "content-location", "",
        "content-range", "",
        "content-type", "",
        "cookie", "",
        "date", "",
        "etag", "",
        "expect", "",
        "expires", "",
        "from", "",
        "host", "",
        "if-match", "",
        "if-modified-since", "",
        "if-none-match", "",
        "if-range", "",
        "if-unmodified-since", "",
        "last-modified", "",
        "link", "",
        "location", "",
        "max-forwards", "",
        "proxy-authenticate", "",
        "proxy-authorization", "",
        "range", "",
        "referer", "",
        "refresh", "",
        "retry-after", "",
        "server", "",
        "set-cookie", "",
        "strict-transport-security", "",
        "transfer-encoding", "",
        "user-agent", "",
        "vary", "",
        "via", "",
        "www-authenticate", "",
    };    private static final int STATIC_ENTRIES = STATIC.length / 2;

    /** One header field. */
    record Field(String name, String value) {}

    /** The dynamic table, newest first. */
    private final Deque<Field> dynamic = new ArrayDeque<>();
    private int dynamicSize;
    private int maxDynamicSize = MAX_TABLE_SIZE;

    /** The fields of one complete header block (HEADERS plus any CONTINUATION, padding and priority removed). */
    List<Field> decode(byte[] block) throws HpackException {
        List<Field> fields = new ArrayList<>();
        int[] position = {0};
        long listSize = 0;
        boolean fieldSeen = false;
        while (position[0] < block.length) {
            int first = block[position[0]] & 0xff;
            Field field;
            if ((first & 0x80) != 0) { // indexed field
                field = entry(integer(block, position, 7));
            } else if ((first & 0x40) != 0) { // literal with incremental indexing
                field = literal(block, position, 6);
                add(field);
            } else if ((first & 0x20) != 0) { // dynamic table size update
                if (fieldSeen) {
                    throw new HpackException("a table size update after a header field");
                }
                int size = integer(block, position, 5);
                if (size > MAX_TABLE_SIZE) {
                    throw new HpackException("a table size of " + size + ", over " + MAX_TABLE_SIZE);
                }
                maxDynamicSize = size;
                evictTo(size);
                continue;
            } else { // literal without indexing (0000) or never indexed (0001)
                field = literal(block, position, 4);
            }
            fieldSeen = true;
            listSize += field.name().length() + field.value().length() + ENTRY_OVERHEAD;
            if (listSize > MAX_HEADER_LIST_SIZE) {
                throw new HpackException("a header list over " + MAX_HEADER_LIST_SIZE + " bytes");
            }
            fields.add(field);
        }
        return fields;
    }

    private Field literal(byte[] block, int[] position, int prefixBits) throws HpackException {
        int index = integer(block, position, prefixBits);
        String name = index == 0 ? string(block, position) : entry(index).name();
        return new Field(name, string(block, position));
    }

    private Field entry(int index) throws HpackException {
        if (index >= 1 && index <= STATIC_ENTRIES) {
            return new Field(STATIC[2 * (index - 1)], STATIC[2 * (index - 1) + 1]);
        }
        int dynamicIndex = index - STATIC_ENTRIES - 1;
        if (index == 0 || dynamicIndex >= dynamic.size()) {
            throw new HpackException("no table entry " + index);
        }
        return dynamic.stream().skip(dynamicIndex).findFirst().orElseThrow();
    }

    private void add(Field field) {
        int size = field.name().length() + field.value().length() + ENTRY_OVERHEAD;
        if (size > maxDynamicSize) {
            // An entry larger than the table empties it and is not added (RFC 7541 section 4.4).
            dynamic.clear();
            dynamicSize = 0;
            return;
        }
        evictTo(maxDynamicSize - size);
        dynamic.addFirst(field);
        dynamicSize += size;
    }

    private void evictTo(int size) {
        while (dynamicSize > size) {
            Field oldest = dynamic.removeLast();
            dynamicSize -= oldest.name().length() + oldest.value().length() + ENTRY_OVERHEAD;
        }
    }

    /** An HPACK integer with an N-bit prefix (RFC 7541 section 5.1), at most 2^24: lengths and indexes stay small. */
    private static int integer(byte[] block, int[] position, int prefixBits) throws HpackException {
        int max = (1 << prefixBits) - 1;
        int value = block[position[0]++] & max;
        if (value < max) {
            return value;
        }
        for (int shift = 0; ; shift += 7) {
            if (position[0] >= block.length) {
                throw new HpackException("a truncated integer");
            }
            int b = block[position[0]++] & 0xff;
            value += (b & 0x7f) << shift;
            if (value > 1 << 24 || shift > 21) {
                throw new HpackException("an integer over 2^24");
            }
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    /** A string literal (section 5.2), raw or Huffman-coded; its length must fit in what is left of the block. */
    private static String string(byte[] block, int[] position) throws HpackException {
        if (position[0] >= block.length) {
            throw new HpackException("a truncated string");
        }
        boolean huffman = (block[position[0]] & 0x80) != 0;
        int length = integer(block, position, 7);
        if (length > block.length - position[0]) {
            throw new HpackException("a string of " + length + " bytes past the end of the block");
        }
        byte[] bytes = huffman ? HpackHuffman.decode(block, position[0], length)
                : java.util.Arrays.copyOfRange(block, position[0], position[0] + length);
        position[0] += length;
        // Header names and values are ASCII by RFC 9113; anything else is kept, not trusted.
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** A header block that does not follow HPACK. */
    static final class HpackException extends Exception {
        private static final long serialVersionUID = 1L;

        HpackException(String message) {
            super("bad HPACK header block: " + message);
        }
    }
}
