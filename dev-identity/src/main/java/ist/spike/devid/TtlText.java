package ist.spike.devid;

import ist.spike.common.duration.GoDuration;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The SVID lifetime as the {@code --ttl} option takes it: a Go duration ("1h30m", "90s") or ISO-8601 ("PT1H"). */
final class TtlText {
    private TtlText() {}

    static Duration parse(String text) {
        String value = text.trim();
        if (value.startsWith("P") || value.startsWith("p")) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
        }
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a duration (try 1h, 30m, 90s): " + text);
        }
    }

    /** "1h", "10m", "90s", "1500ms": the way the option is written. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
