package ist.spike.common.spiffe;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go-style durations as upstream SPIKE's variables use them ("30s", "1m30s", "500ms", "2h").
 * Kept here until the shared configuration reader takes the job.
 */
final class DurationText {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private DurationText() {}

    /** The duration, or empty when the text is not one (upstream then falls back to the default). */
    static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        if (!WHOLE.matcher(value).matches()) {
            return Optional.empty();
        }
        double nanos = 0;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            double amount = Double.parseDouble(part.group(1));
            nanos += amount * switch (part.group(2)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
            };
        }
        return Optional.of(Duration.ofNanos(Math.round(nanos)));
    }
}
