package ist.spike.common.shamir;

import java.util.Arrays;

/**
 * The recovery-file form of a share, as upstream's {@code spike operator recover} writes it and
 * {@code spike operator restore} reads it: {@code spike:<id>:<64 lowercase hex>}.
 * Error messages never quote the input: it is a secret.
 */
public final class ShareFormat {
    private ShareFormat() {}

    public static final String PREFIX = "spike";

    /** {@code spike:<id>:<hex>}, no trailing newline. */
    public static String format(Share share) {
        byte[] value = share.value();
        char[] text = new char[2 * value.length];
        try {
            for (int i = 0; i < value.length; i++) {
                text[2 * i] = hexChar((value[i] >>> 4) & 0xF);
                text[2 * i + 1] = hexChar(value[i] & 0xF);
            }
            return PREFIX + ":" + share.id() + ":" + new String(text);
        } finally {
            Arrays.fill(value, (byte) 0);
            Arrays.fill(text, '\0');
        }
    }

    /**
     * Parses {@code spike:<id>:<64 hex>}, ignoring surrounding whitespace (restore trims stdin).
     * Hex digits of either case are accepted, as Go's hex decoder does.
     *
     * @throws IllegalArgumentException when the text is not a well-formed share
     */
    public static Share parse(CharSequence text) {
        int start = 0;
        int end = text.length();
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        int firstColon = indexOf(text, ':', start, end);
        int secondColon = firstColon < 0 ? -1 : indexOf(text, ':', firstColon + 1, end);
        if (secondColon < 0 || indexOf(text, ':', secondColon + 1, end) >= 0) {
            throw new IllegalArgumentException("a share must have the form spike:<id>:<hex>");
        }
        if (!PREFIX.contentEquals(text.subSequence(start, firstColon))) {
            throw new IllegalArgumentException("a share must start with '" + PREFIX + ":'");
        }
        int id = parseId(text, firstColon + 1, secondColon);
        byte[] value = parseHex(text, secondColon + 1, end);
        try {
            return new Share(id, value);
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    private static int parseId(CharSequence text, int from, int to) {
        if (from == to || to - from > 9) {
            throw new IllegalArgumentException("share id must be a decimal number from 1 to " + Shamir.MAX_SHARES);
        }
        int id = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("share id must be a decimal number from 1 to " + Shamir.MAX_SHARES);
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    private static byte[] parseHex(CharSequence text, int from, int to) {
        if (to - from != 2 * Share.VALUE_LENGTH) {
            throw new IllegalArgumentException("share value must be " + 2 * Share.VALUE_LENGTH + " hex digits");
        }
        byte[] out = new byte[Share.VALUE_LENGTH];
        int bad = 0;
        for (int i = 0; i < out.length; i++) {
            int hi = hexDigit(text.charAt(from + 2 * i));
            int lo = hexDigit(text.charAt(from + 2 * i + 1));
            bad |= hi | lo;
            out[i] = (byte) ((hi << 4) | lo);
        }
        if (bad < 0) {
            Arrays.fill(out, (byte) 0);
            throw new IllegalArgumentException("share value must be hexadecimal");
        }
        return out;
    }

    /** Lowercase hex digit for a nibble, by arithmetic: no table indexed by secret data. */
    private static char hexChar(int nibble) {
        int letterOffset = ((9 - nibble) >> 31) & ('a' - '0' - 10); // nonzero only for 10..15
        return (char) ('0' + nibble + letterOffset);
    }

    /** The digit's value, or -1; arithmetic rather than a table, since the digits are secret. */
    private static int hexDigit(char c) {
        int digit = c - '0';
        int lower = (c | 0x20) - 'a' + 10;
        int isDigit = ((digit) | (9 - digit)) >>> 31 ^ 1;          // 1 when 0 <= digit <= 9
        int isLetter = ((lower - 10) | (15 - lower)) >>> 31 ^ 1;   // 1 when 10 <= lower <= 15
        int valid = isDigit | isLetter;
        return (digit & -isDigit) | (lower & -isLetter) | (valid - 1);
    }

    private static int indexOf(CharSequence text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
