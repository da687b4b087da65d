package ist.spike.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvTest {
    private static final String X = "SPIKE_TEST_VALUE";

    private static Env with(String value) {
        return Env.of(Map.of(X, value));
    }

    private static String failure(Runnable read) {
        return assertThrows(ConfigException.class, read::run).getMessage();
    }

    // ---- unset and empty ----

    @Test
    void unsetAndEmptyBothMeanDefault() {
        Env empty = Env.of(Map.of());
        Env blank = with("");
        for (Env env : List.of(empty, blank)) {
            assertEquals(Optional.empty(), env.value(X));
            assertEquals("d", env.string(X, "d"));
            assertEquals(10, env.intInRange(X, 10, 1, 1000));
            assertTrue(env.bool(X, true));
            assertEquals(Duration.ofMinutes(5), env.duration(X, Duration.ofMinutes(5)));
            assertEquals(List.of("a"), env.list(X, List.of("a")));
            assertEquals(LogLevel.WARN, env.oneOf(X, LogLevel.WARN, "a log level"));
        }
    }

    @Test
    void stringIsReturnedAsIs() {
        assertEquals(" spaced ", with(" spaced ").string(X, "d"));
    }

    @Test
    void systemReadsTheProcessEnvironment() {
        String path = System.getenv("PATH");
        assertEquals(Optional.ofNullable(path == null || path.isEmpty() ? null : path), Env.system().value("PATH"));
    }

    // ---- int ----

    @ParameterizedTest
    @CsvSource({"1, 1", "1000, 1000", "42, 42", "+7, 7", "007, 7"})
    void intInRangeReadsWholeNumbers(String value, int expected) {
        assertEquals(expected, with(value).intInRange(X, 10, 1, 1000));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|   SPIKE_TEST_VALUE: \"abc\" is not a whole number (expected 1..1000)",
        "1.5|   SPIKE_TEST_VALUE: \"1.5\" is not a whole number (expected 1..1000)",
        "' 5'|  SPIKE_TEST_VALUE: \" 5\" is not a whole number (expected 1..1000)",
        "1e3|   SPIKE_TEST_VALUE: \"1e3\" is not a whole number (expected 1..1000)",
        "0|     SPIKE_TEST_VALUE: \"0\" is out of range (expected 1..1000)",
        "1001|  SPIKE_TEST_VALUE: \"1001\" is out of range (expected 1..1000)",
        "-3|    SPIKE_TEST_VALUE: \"-3\" is out of range (expected 1..1000)",
        "99999999999|SPIKE_TEST_VALUE: \"99999999999\" is out of range (expected 1..1000)",
    })
    void intInRangeRefusesOthers(String value, String message) {
        assertEquals(message.strip(), failure(() -> with(value).intInRange(X, 10, 1, 1000)));
    }

    @Test
    void messageMatchesTheAgreedExample() {
        Env env = Env.of(Map.of("SPIKE_NEXUS_MAX_SECRET_VERSIONS", "abc"));
        assertEquals("SPIKE_NEXUS_MAX_SECRET_VERSIONS: \"abc\" is not a whole number (expected 1..1000)",
                failure(() -> env.intInRange("SPIKE_NEXUS_MAX_SECRET_VERSIONS", 10, 1, 1000)));
    }

    // ---- bool ----

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "True, true", "false, false", "FALSE, false", "fAlSe, false"})
    void boolReadsTrueAndFalseInAnyCase(String value, boolean expected) {
        assertEquals(expected, with(value).bool(X, !expected));
    }

    @ParameterizedTest
    @CsvSource({"yes", "1", "0", "on", "' true'", "t"})
    void boolRefusesOthers(String value) {
        assertEquals("SPIKE_TEST_VALUE: \"" + value + "\" is not a boolean (expected true or false)",
                failure(() -> with(value).bool(X, false)));
    }

    // ---- duration ----

    @ParameterizedTest
    @CsvSource({"300ms, PT0.3S", "30s, PT30S", "5m, PT5M", "1h30m, PT1H30M", "1.5h, PT1H30M", "0, PT0S"})
    void durationReadsGoSyntax(String value, Duration expected) {
        assertEquals(expected, with(value).duration(X, Duration.ofSeconds(1)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5|     SPIKE_TEST_VALUE: \"5\" is not a duration: missing unit in duration (expected Go syntax such as 300ms, 30s, 5m, 1h30m)",
        "5d|    SPIKE_TEST_VALUE: \"5d\" is not a duration: unknown unit \"d\" in duration (expected Go syntax such as 300ms, 30s, 5m, 1h30m)",
        "PT5M|  SPIKE_TEST_VALUE: \"PT5M\" is not a duration: invalid duration (expected Go syntax such as 300ms, 30s, 5m, 1h30m)",
        "-5s|   SPIKE_TEST_VALUE: \"-5s\" is negative (expected a duration of 0s or more)",
    })
    void durationRefusesOthers(String value, String message) {
        assertEquals(message.strip(), failure(() -> with(value).duration(X, Duration.ZERO)));
    }

    @Test
    void positiveDurationRefusesZero() {
        assertEquals(Duration.ofSeconds(30), with("30s").positiveDuration(X, Duration.ofSeconds(1)));
        assertEquals("SPIKE_TEST_VALUE: \"0s\" is not positive (expected a duration greater than 0s)",
                failure(() -> with("0s").positiveDuration(X, Duration.ofSeconds(1))));
        assertEquals("SPIKE_TEST_VALUE: \"-1m\" is not positive (expected a duration greater than 0s)",
                failure(() -> with("-1m").positiveDuration(X, Duration.ofSeconds(1))));
    }

    // ---- list ----

    @Test
    void listTrimsAndDropsEmptyEntries() {
        assertEquals(List.of("a", "b c", "d"), with(" a ,b c,, d ,").list(X, List.of()));
        assertEquals(List.of("one"), with("one").list(X, List.of()));
        assertEquals(List.of(), with(" , ,").list(X, List.of("default")));
    }

    // ---- enum ----

    @Test
    void oneOfReadsConstantNamesInAnyCase() {
        assertEquals(LogLevel.DEBUG, with("debug").oneOf(X, LogLevel.WARN, "a log level"));
        assertEquals(LogLevel.ERROR, with("ERROR").oneOf(X, LogLevel.WARN, "a log level"));
        assertEquals("SPIKE_TEST_VALUE: \"verbose\" is not a log level (expected one of DEBUG, INFO, WARN, ERROR)",
                failure(() -> with("verbose").oneOf(X, LogLevel.WARN, "a log level")));
    }

    // ---- https URL ----

    @ParameterizedTest
    @CsvSource({"https://localhost:8553", "https://nexus.example.org", "HTTPS://h:1/base/path", "https://[::1]:8553/"})
    void httpsUrlAcceptsPlainHttpsUrls(String value) {
        assertEquals(URI.create(value), with(value).httpsUrl(X, "https://default"));
    }

    @Test
    void httpsUrlFallsBackToTheDefault() {
        assertEquals(URI.create("https://localhost:8553"), Env.of(Map.of()).httpsUrl(X, "https://localhost:8553"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://localhost:8553|   is not an https URL",
        "localhost:8553|          is not an https URL",
        "/relative|               is not an https URL",
        "https://|                is not a URL",
        "https:///path|           is not a plain https URL",
        "https://u:p@host|        is not a plain https URL",
        "https://host/?q=1|       is not a plain https URL",
        "https://host/#f|         is not a plain https URL",
        "https://ho st|           is not a URL",
    })
    void httpsUrlRefusesOthers(String value, String problem) {
        assertEquals("SPIKE_TEST_VALUE: \"" + value + "\" " + problem.strip() + " (expected https://host[:port][/path])",
                failure(() -> with(value).httpsUrl(X, "https://default")));
    }

    // ---- listen address ----

    @Test
    void listenAddressReadsGoForm() {
        assertEquals(new ListenAddress("", 9443), with(":9443").listenAddress(X, ":8553"));
        assertEquals(new ListenAddress("", 8553), Env.of(Map.of()).listenAddress(X, ":8553"));
        assertEquals("SPIKE_TEST_VALUE: \"8553\" is not a listen address: missing port "
                        + "(expected [host]:port, e.g. \":8553\" or \"127.0.0.1:8553\")",
                failure(() -> with("8553").listenAddress(X, ":8553")));
    }

    // ---- parsed / required: for program-specific settings ----

    @Test
    void parsedWrapsParserFailuresIntoOneLine() {
        assertEquals(42, with("42").parsed(X, 0, Integer::parseInt));
        assertEquals(7, Env.of(Map.of()).parsed(X, 7, Integer::parseInt));
        assertEquals("SPIKE_TEST_VALUE: \"x\" is odd", failure(() -> with("x").parsed(X, 0, v -> {
            throw new IllegalArgumentException("is odd");
        })));
    }

    @Test
    void requiredNamesTheMissingVariable() {
        assertEquals("abc", with("abc").required(X, "a keeper URL list", v -> v));
        assertEquals("SPIKE_TEST_VALUE is not set (expected a keeper URL list)",
                failure(() -> Env.of(Map.of()).required(X, "a keeper URL list", v -> v)));
    }

    @Test
    void messagesStayOnOneLineAndShort() {
        String message = failure(() -> with("a\nb\t\"c\"\\\u0001").bool(X, false));
        assertEquals("SPIKE_TEST_VALUE: \"a\\nb\\t\\\"c\\\"\\\\\\x01\" is not a boolean (expected true or false)", message);
        String longValue = "x".repeat(500);
        String shortened = failure(() -> with(longValue).bool(X, false));
        assertTrue(shortened.contains("x".repeat(100) + "...\""), shortened);
        assertFalse(shortened.contains("x".repeat(101)), shortened);
    }
}
