package ist.spike.common.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GoTimeTest {

    @ParameterizedTest
    @CsvSource({
        "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
        "2026-07-25T20:37:48.123456789Z, 2026-07-25T20:37:48.123456789Z",
        "2026-07-25T20:37:48.120Z, 2026-07-25T20:37:48.12Z",
        "2026-07-25T20:37:48.000001Z, 2026-07-25T20:37:48.000001Z",
        "2026-07-25T20:37:48.000000001Z, 2026-07-25T20:37:48.000000001Z",
        "0000-01-01T00:00:00Z, 0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z, 9999-12-31T23:59:59.999999999Z",
    })
    void formatsLikeGoRfc3339Nano(String instant, String expected) {
        assertEquals(expected, GoTime.format(Instant.parse(instant)));
    }

    @Test
    void zeroIsGoZeroTime() {
        assertEquals("0001-01-01T00:00:00Z", GoTime.format(GoTime.ZERO));
    }

    @Test
    void refusesYearsGoCannotMarshal() {
        assertThrows(IllegalArgumentException.class, () -> GoTime.format(Instant.parse("+10000-01-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> GoTime.format(Instant.parse("-0001-01-01T00:00:00Z")));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-07-25T20:37:48.123456789-07:00, 2026-07-26T03:37:48.123456789Z",
        "2026-07-25T20:37:48+05:30, 2026-07-25T15:07:48Z",
        "2026-07-25T20:37:48Z, 2026-07-25T20:37:48Z",
        "2026-07-25T20:37:48.5Z, 2026-07-25T20:37:48.5Z",
        "2026-07-25T20:37:48.1234567891Z, 2026-07-25T20:37:48.123456789Z",
        "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
        "2024-02-29T00:00:00-00:00, 2024-02-29T00:00:00Z",
    })
    void parsesWhatGoParses(String text, String expected) {
        assertEquals(Instant.parse(expected), GoTime.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2026-07-25", "2026-07-25 20:37:48Z", "2026-07-25t20:37:48Z", "2026-07-25T20:37:48z",
        "2026-07-25T20:37:48", "2026-07-25T24:00:00Z", "2026-07-25T23:59:60Z", "2026-02-30T00:00:00Z",
        "2026-07-25T2:37:48Z", "2026-07-25T20:37:48,5Z", "2026-07-25T20:37:48.Z", "2026-07-25T20:37:48+24:00",
        "2026-07-25T20:37:48+01:60", "2026-07-25T20:37:48+0100", "+2026-07-25T20:37:48Z", "2026-13-01T00:00:00Z",
    })
    void refusesWhatGoRefuses(String text) {
        assertThrows(IllegalArgumentException.class, () -> GoTime.parse(text));
    }
}
