package ist.spike.common.duration;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}: an optional sign, then one or more decimal numbers each with a unit,
 * e.g. "300ms", "-1.5h", "2h45m", ".5s". Units: ns, us (or µs/μs), ms, s, m, h. "0" needs no unit.
 * The result must fit in Go's int64 nanoseconds (about 292 years). The arithmetic follows Go's, float64
 * fraction step included, so results match Go to the nanosecond.
 */
public final class GoDuration {
    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00B5s", 1_000L, // micro sign
            "\u03BCs", 1_000L, // Greek mu
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private static final BigInteger TWO_POW_63 = BigInteger.ONE.shiftLeft(63);
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {}

    /**
     * @throws IllegalArgumentException naming the problem (invalid, missing unit, unknown unit, out of range)
     */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("invalid duration");
        }
        BigInteger total = BigInteger.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            boolean hasWhole = i > start;
            BigInteger whole = hasWhole ? new BigInteger(s.substring(start, i)) : BigInteger.ZERO;
            if (whole.compareTo(TWO_POW_63) > 0) {
                throw new IllegalArgumentException("duration out of range");
            }
            long fraction = 0;
            double scale = 1;
            boolean hasFraction = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                boolean overflow = false;
                for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                    hasFraction = true;
                    // Go keeps the digits while the uint64 stays <= 2^63 and ignores the rest; "fraction"
                    // holds that uint64 (2^63 itself wraps to Long.MIN_VALUE, hence unsigned compares).
                    if (overflow || Long.compareUnsigned(fraction, Long.MAX_VALUE / 10) > 0) {
                        overflow = true;
                        continue;
                    }
                    long next = fraction * 10 + (s.charAt(i) - '0');
                    if (Long.compareUnsigned(next, Long.MIN_VALUE) > 0) {
                        overflow = true;
                        continue;
                    }
                    fraction = next;
                    scale *= 10;
                }
            }
            if (!hasWhole && !hasFraction) {
                throw new IllegalArgumentException("invalid duration");
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            if (unitStart == i) {
                throw new IllegalArgumentException("missing unit in duration");
            }
            String unit = s.substring(unitStart, i);
            Long nanosPerUnit = UNIT_NANOS.get(unit);
            if (nanosPerUnit == null) {
                throw new IllegalArgumentException("unknown unit " + quote(unit) + " in duration");
            }
            if (whole.compareTo(TWO_POW_63.divide(BigInteger.valueOf(nanosPerUnit))) > 0) {
                throw new IllegalArgumentException("duration out of range");
            }
            BigInteger nanos = whole.multiply(BigInteger.valueOf(nanosPerUnit));
            if (fraction != 0) {
                double fractionValue = fraction < 0 ? 0x1p63 : (double) fraction; // the only "negative" is 2^63
                nanos = nanos.add(BigInteger.valueOf((long) (fractionValue * ((double) nanosPerUnit / scale))));
            }
            total = total.add(nanos);
            if (nanos.compareTo(TWO_POW_63) > 0 || total.compareTo(TWO_POW_63) > 0) {
                throw new IllegalArgumentException("duration out of range");
            }
        }
        if (!negative && total.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("duration out of range");
        }
        return Duration.ofNanos((negative ? total.negate() : total).longValueExact());
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The unit as Go's error shows it: quoted, control characters escaped, at most 40 shown. */
    private static String quote(String unit) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < Math.min(unit.length(), 40); i++) {
            char c = unit.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                text.append(String.format("\\x%02x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.append(unit.length() > 40 ? "...\"" : "\"").toString();
    }
}
