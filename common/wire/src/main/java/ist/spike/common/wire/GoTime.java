package ist.spike.common.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's JSON form of {@code time.Time}: RFC 3339 with up to nine fraction digits, trailing zeros trimmed
 * (layout {@code 2006-01-02T15:04:05.999999999Z07:00}). Instants are always written in UTC with {@code Z};
 * Go would keep the zone it was given, which readers cannot tell apart from the same instant in UTC.
 */
public final class GoTime {
    /** Go's zero {@code time.Time}, written {@code 0001-01-01T00:00:00Z}. */
    public static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

    // What Go's strict RFC 3339 parser (used by time.Time.UnmarshalJSON since Go 1.20) accepts: upper-case
    // T and Z, two-digit fields, any number of fraction digits (Go keeps nine), an offset of +-hh:mm.
    private static final Pattern RFC3339 = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(?:(Z)|([+-])(\\d{2}):(\\d{2}))");

    private GoTime() {}

    /** Formats like Go's {@code MarshalJSON} (without the quotes). */
    public static String format(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            // Go refuses to marshal these too ("year outside of range [0,9999]").
            throw new IllegalArgumentException("year outside of range [0,9999]");
        }
        StringBuilder text = new StringBuilder(30);
        pad(text, utc.getYear(), 4).append('-');
        pad(text, utc.getMonthValue(), 2).append('-');
        pad(text, utc.getDayOfMonth(), 2).append('T');
        pad(text, utc.getHour(), 2).append(':');
        pad(text, utc.getMinute(), 2).append(':');
        pad(text, utc.getSecond(), 2);
        int nanos = utc.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text.append('Z').toString();
    }

    /**
     * Parses what Go's {@code UnmarshalJSON} accepts.
     *
     * @throws IllegalArgumentException if the text is not such a time
     */
    public static Instant parse(String text) {
        Matcher m = RFC3339.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an RFC 3339 time");
        }
        try {
            int nanos = m.group(7) == null ? 0 : fractionToNanos(m.group(7));
            LocalDateTime local = LocalDateTime.of(
                    number(m, 1), number(m, 2), number(m, 3), number(m, 4), number(m, 5), number(m, 6), nanos);
            ZoneOffset offset = ZoneOffset.UTC;
            if (m.group(8) == null) {
                int hours = number(m, 10);
                int minutes = number(m, 11);
                if (hours > 23 || minutes > 59) {
                    throw new IllegalArgumentException("time zone offset out of range");
                }
                int sign = m.group(9).equals("-") ? -1 : 1;
                offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            }
            return local.toInstant(offset);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("RFC 3339 time out of range");
        }
    }

    private static int fractionToNanos(String digits) {
        String nine = digits.length() >= 9 ? digits.substring(0, 9) : (digits + "000000000").substring(0, 9);
        return Integer.parseInt(nine); // Go truncates digits beyond the ninth
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
