package ist.spike.common.duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases mirror Go's time.ParseDuration tests. */
class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "+0, 0",
        "-0, 0",
        "0s, 0",
        "5s, 5000000000",
        "30s, 30000000000",
        "1478s, 1478000000000",
        "-5s, -5000000000",
        "+5s, 5000000000",
        "300ms, 300000000",
        "5m, 300000000000",
        "1h30m, 5400000000000",
        "1.5h, 5400000000000",
        "2h45m, 9900000000000",
        "5.0s, 5000000000",
        "5.6s, 5600000000",
        "5.s, 5000000000",
        ".5s, 500000000",
        "1.004s, 1004000000",
        "100.00100s, 100001000000",
        "10ns, 10",
        "11us, 11000",
        "12\u00B5s, 12000",
        "12\u03BCs, 12000",
        "13ms, 13000000",
        "3h30m, 12600000000000",
        "10.5s4m, 250500000000",
        "-2m3.4s, -123400000000",
        "1h2m3s4ms5us6ns, 3723004005006",
        "39h9m14.425s, 140954425000000",
        "52763797000ns, 52763797000",
        "0.3333333333333333333h, 1200000000000",
        "9007199254740993ns, 9007199254740993",
        "9223372036854775807ns, 9223372036854775807",
        "-9223372036854775808ns, -9223372036854775808",
        "0.100000000000000000000h, 360000000000",
        "0.830103483285477580700h, 2988372539827",
        "0.9223372036854775808s, 922337203",
        "0.9223372036854775809s, 922337203", // Go drops the 19th digit: it would overflow
        "1.99999999999999999999999s, 2000000000", // Go keeps 18 nines; its float64 step rounds up
    })
    void parsesLikeGo(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), GoDuration.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''| invalid duration",
        "3| missing unit in duration",
        "00| missing unit in duration",
        "-| invalid duration",
        "s| invalid duration",
        ".| invalid duration",
        "-.| invalid duration",
        ".s| invalid duration",
        "+.s| invalid duration",
        "1d| unknown unit \"d\" in duration",
        "5 s| unknown unit \" s\" in duration",
        "1.5S| unknown unit \"S\" in duration",
        "1h 30m| unknown unit \"h \" in duration",
        "5minutes| unknown unit \"minutes\" in duration",
        "9223372036854775808ns| duration out of range",
        "-9223372036854775809ns| duration out of range",
        "9223372036854775.808us| duration out of range",
        "3000000h| duration out of range",
    })
    void refusesWhatGoRefuses(String text, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
        assertEquals(problem.strip(), e.getMessage());
    }

    @Test
    void aLongRunOfDigitsIsFineWhileItFits() {
        assertEquals(Duration.ofNanos(1), GoDuration.parse("0000000000000000000000000000001ns"));
    }
}
