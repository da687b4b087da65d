package ist.spike.devid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevIdentityOptionsTest {
    @Test
    void defaultsServeEverySpikeIdentity() {
        var options = DevIdentityOptions.parse("--dir", "/tmp/x");
        assertEquals(Path.of("/tmp/x"), options.dir());
        assertEquals("spike.ist", options.trustDomain());
        assertEquals(Duration.ofHours(1), options.ttl());
        assertFalse(options.svidFiles());
        assertEquals(11, options.identities().size());
        assertEquals("/spike/pilot/role/superuser", options.identities().get("superuser"));
        assertEquals("/spike/keeper/2", options.identities().get("keeper-2"), "one identity per keeper slot");
        assertEquals("spiffe://spike.ist/workload/demo", options.spiffeId(options.identities().get("demo")));
    }

    @Test
    void namedIdentitiesReplaceTheDefaults() {
        var options = DevIdentityOptions.parse("--dir=/d", "--trust-domain", "example.org", "--ttl", "90s",
                "--svid-files", "app=/workload/app", "full=spiffe://example.org/x");
        assertEquals(Map.of("app", "/workload/app", "full", "spiffe://example.org/x"), options.identities());
        assertEquals(Duration.ofSeconds(90), options.ttl());
        assertTrue(options.svidFiles());
        assertEquals("spiffe://example.org/workload/app", options.spiffeId("/workload/app"));
        assertEquals("spiffe://example.org/x", options.spiffeId("spiffe://example.org/x"));
    }

    @Test
    void helpNeedsNoDir() {
        assertTrue(DevIdentityOptions.parse("--help").help());
    }

    @Test
    void mistakesAreExplained() {
        assertThrows(IllegalArgumentException.class, () -> DevIdentityOptions.parse());
        assertThrows(IllegalArgumentException.class, () -> DevIdentityOptions.parse("--dir"));
        assertThrows(IllegalArgumentException.class, () -> DevIdentityOptions.parse("--dir", "/d", "--bogus"));
        assertThrows(IllegalArgumentException.class, () -> DevIdentityOptions.parse("--dir", "/d", "noequals"));
        assertThrows(IllegalArgumentException.class, () -> DevIdentityOptions.parse("--dir", "/d", "--ttl", "soon"));
    }

    @Test
    void goStyleDurations() {
        assertEquals(Duration.ofMinutes(90), TtlText.parse("1h30m"));
        assertEquals(Duration.ofMillis(500), TtlText.parse("500ms"));
        assertEquals(Duration.ofHours(2), TtlText.parse("PT2H"));
        assertEquals("10m", TtlText.format(Duration.ofMinutes(10)));
        assertEquals("90s", TtlText.format(Duration.ofSeconds(90)));
        assertEquals("1h", TtlText.format(Duration.ofHours(1)));
    }
}
