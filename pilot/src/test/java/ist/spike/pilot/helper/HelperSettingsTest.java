package ist.spike.pilot.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ist.spike.common.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelperSettingsTest {
    @Test
    void onForTenMinutesUnlessSaidOtherwise() {
        assertEquals(new HelperSettings(true, Duration.ofMinutes(10)), HelperSettings.from(Map.of()));
        assertEquals(new HelperSettings(false, Duration.ofSeconds(30)),
                HelperSettings.from(Map.of("SPIKE_PILOT_HELPER", "FALSE", "SPIKE_PILOT_HELPER_IDLE_TIMEOUT", "30s")));
    }

    @Test
    void badValuesAreConfigurationErrors() {
        var e = assertThrows(ConfigException.class, () -> HelperSettings.from(Map.of("SPIKE_PILOT_HELPER", "maybe")));
        assertEquals("SPIKE_PILOT_HELPER: \"maybe\" is not a boolean (expected true or false)", e.getMessage());
        assertThrows(ConfigException.class, () -> HelperSettings.from(Map.of("SPIKE_PILOT_HELPER_IDLE_TIMEOUT", "0s")));
        assertThrows(ConfigException.class, () -> HelperSettings.from(Map.of("SPIKE_PILOT_HELPER_IDLE_TIMEOUT", "10")));
    }

    @Test
    void relevantVariablesAreSpikeSpiffeAndLocale() {
        Map<String, String> env = Map.of("SPIKE_NEXUS_API_URL", "https://n", "SPIFFE_ENDPOINT_SOCKET", "unix:///s",
                "TZ", "UTC", "LANG", "C.UTF-8", "LC_ALL", "C", "PATH", "/bin", "PWD", "/home", "HOME", "/root",
                "SPIKE_TRACE_STARTUP", "true", "SPIKE_TRACE_T0", "1.5");
        assertEquals(Map.of("SPIKE_NEXUS_API_URL", "https://n", "SPIFFE_ENDPOINT_SOCKET", "unix:///s", "TZ", "UTC",
                "LANG", "C.UTF-8", "LC_ALL", "C"), HelperSettings.relevant(env));
    }
}
