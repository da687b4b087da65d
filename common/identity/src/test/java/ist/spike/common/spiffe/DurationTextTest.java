package ist.spike.common.spiffe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void readsGoDurations() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), DurationText.parse("30s"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), DurationText.parse("1m30s"));
        assertEquals(Optional.of(Duration.ofMillis(1500)), DurationText.parse("1.5s"));
        assertEquals(Optional.of(Duration.ofHours(2)), DurationText.parse("2h"));
        assertEquals(Optional.of(Duration.ofMillis(250)), DurationText.parse("250ms"));
    }

    @Test
    void somethingElseIsEmpty() {
        assertEquals(Optional.empty(), DurationText.parse("30"));
        assertEquals(Optional.empty(), DurationText.parse("PT30S"));
        assertEquals(Optional.empty(), DurationText.parse("soon"));
        assertEquals(Optional.empty(), DurationText.parse(null));
    }

    @Test
    void badTimeoutFallsBackToThirtySeconds() {
        assertEquals(Duration.ofSeconds(30), IdentitySources.sourceTimeout("thirty", Duration.ofSeconds(30)));
        assertEquals(Duration.ofSeconds(30), IdentitySources.sourceTimeout("0s", Duration.ofSeconds(30)));
        assertEquals(Duration.ofSeconds(30), IdentitySources.sourceTimeout(null, Duration.ofSeconds(30)));
        assertEquals(Duration.ofSeconds(5), IdentitySources.sourceTimeout("5s", Duration.ofSeconds(30)));
    }
}
