package ist.spike.nexus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written audit line is exactly what Jackson's default mapper wrote before. */
class AuditLogTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    /** The record AuditLog used to serialise with Jackson, plus the line's type. */
    record Event(String time, String type, String trail, String caller, String route, String action, String path,
            String outcome, int status, double durationMs) {}

    /** A request line: no outcome yet. */
    record RequestEvent(String time, String type, String trail, String caller, String route, String action,
            String path) {}

    @Test
    void linesMatchJackson() throws Exception {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            every.append(c);
        }
        List<String> strings = new ArrayList<>(List.of("", "plain", "a/b/c", every.toString(), "é ü 中 😀",
                "\u2028\u2029", "\ud800 lone", "quote\" back\\slash", "\u007f\u0080\u009f"));
        strings.add(null);
        double[] durations = {0.0, 0.01, 0.47, 3.17, 362.36, 12345.67, 1.0E7, 123456789.12};
        Instant[] times = {Instant.parse("2026-11-23T19:34:54Z"), Instant.parse("2026-11-23T19:34:54.100Z"),
                Instant.parse("2026-11-23T19:34:54.000120Z"), Instant.parse("2026-11-23T19:34:54.856896761Z"),
                Instant.parse("2026-11-23T19:34:55.000000001Z"), Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("+12026-01-01T00:00:00.5Z"), Instant.now()};
        int i = 0;
        for (String s : strings) {
            for (double d : durations) {
                Instant t = times[i++ % times.length];
                Event e = new Event(t.toString(), "response", s, s, "/v1/store/secrets", s, s, "ok", 200 + i, d);
                assertEquals(JACKSON.writeValueAsString(e),
                        AuditLog.line(t, "response", s, s, "/v1/store/secrets", s, s, "ok", 200 + i, d));
                RequestEvent r = new RequestEvent(t.toString(), "request", s, s, "/v1/store/secrets", s, s);
                assertEquals(JACKSON.writeValueAsString(r),
                        AuditLog.line(t, "request", s, s, "/v1/store/secrets", s, s, null, 0, 0.0));
            }
        }
    }

    @Test
    void timesMatchInstantToString() {
        Instant start = Instant.parse("2026-11-23T19:34:59.999999990Z");
        for (int n = 0; n < 40; n++) {
            Instant t = start.plusNanos(n);
            StringBuilder out = new StringBuilder();
            ist.spike.common.audit.AuditJson.appendTime(out, t);
            assertEquals(t.toString(), out.toString());
        }
    }
}
