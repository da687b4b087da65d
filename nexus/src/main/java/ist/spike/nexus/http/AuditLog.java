package ist.spike.nexus.http;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request on the {@code spike.audit} logger: who called what, on which path, with
 * what outcome. Values, plaintexts, keys and shards never reach this class.
 *
 * <p>The line is written by hand, not by Jackson: it runs on every request, and data binding plus
 * {@link Instant#toString} were a fifth of the dispatcher's own time. The output is byte for byte what
 * Jackson's default mapper wrote for the record of these fields ({@code AuditLogTest} pins that).
 */
public final class AuditLog {
    private static final Logger AUDIT = LoggerFactory.getLogger("spike.audit");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The whole seconds of the last time written, formatted once per second: "2026-11-23T19:34:54". */
    private record Second(long epochSecond, String text) {}

    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    public static String newTrailId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    public void record(String trail, String caller, String route, String action, String path, String outcome,
            int status, long startedNanos) {
        if (!AUDIT.isInfoEnabled()) {
            return;
        }
        double ms = Math.round((System.nanoTime() - startedNanos) / 10_000.0) / 100.0;
        AUDIT.info(line(Instant.now(), trail, caller, route, action, path, outcome, status, ms));
    }

    /** The audit line: fields in this order, strings escaped as Jackson does, nulls as {@code null}. */
    static String line(Instant time, String trail, String caller, String route, String action, String path,
            String outcome, int status, double durationMs) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"time\":\"");
        appendTime(out, time);
        out.append("\",\"trail\":");
        appendString(out, trail);
        out.append(",\"caller\":");
        appendString(out, caller);
        out.append(",\"route\":");
        appendString(out, route);
        out.append(",\"action\":");
        appendString(out, action);
        out.append(",\"path\":");
        appendString(out, path);
        out.append(",\"outcome\":");
        appendString(out, outcome);
        out.append(",\"status\":").append(status);
        out.append(",\"durationMs\":").append(durationMs); // Double.toString, as Jackson writes it
        return out.append('}').toString();
    }

    /** What {@link Instant#toString} writes (ISO_INSTANT: a fraction of 0, 3, 6 or 9 digits), faster. */
    static void appendTime(StringBuilder out, Instant time) {
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
    private static void appendString(StringBuilder out, String s) {
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
