package ist.spike.common.audit;

import java.time.Instant;

/**
 * The pieces of an audit line, written by hand rather than by a JSON library (they run on every request):
 * strings escaped exactly as Jackson's default mapper escapes them, so every line is one complete JSON
 * object whatever a caller's input holds, and times as {@link Instant#toString} writes them.
 */
public final class AuditJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The whole seconds of the last time written, formatted once per second: "2026-11-23T19:34:54". */
    private record Second(long epochSecond, String text) {}

    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    private AuditJson() {}

    /** What {@link Instant#toString} writes (ISO_INSTANT: a fraction of 0, 3, 6 or 9 digits), faster. */
    public static void appendTime(StringBuilder out, Instant time) {
        long epochSecond = time.getEpochSecond();
        Second second = lastSecond;
        if (second.epochSecond() != epochSecond) {
            String whole = Instant.ofEpochSecond(epochSecond).toString(); // ends in 'Z'
            second = new Second(epochSecond, whole.substring(0, whole.length() - 1));
            lastSecond = second;
        }
        out.append(second.text());
        int nanos = time.getNano();
        if (nanos != 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                appendDigits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                appendDigits(out, nanos / 1000, 6);
            } else {
                appendDigits(out, nanos, 9);
            }
        }
        out.append('Z');
    }

    private static void appendDigits(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    /** Jackson's default escaping: quote, backslash and control characters; everything else as is. */
    public static void appendString(StringBuilder out, String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
