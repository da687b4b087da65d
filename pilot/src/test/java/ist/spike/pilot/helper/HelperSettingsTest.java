package ist.spike.pilot.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.config.ConfigException;
import java.time.Duration;
import java.util.List;
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
    void servesNexusCommandsThatReadNoInput() {
        for (String line : List.of("secret get a/b", "secret get -f json a/b", "secret list", "secret put a k=v",
                "secret delete a -v 1", "secret undelete a", "secret metadata get a", "policy list", "policy get p",
                "policy create --name p", "secret get")) {
            assertTrue(HelperSettings.serves(List.of(line.split(" "))), line);
        }
    }

    @Test
    void leavesHelpInputFilesAndBreakGlassToSpike() {
        for (String line : List.of("secret get --help a", "secret put -h", "help secret", "--version", "secret",
                "policy delete p --yes", "policy apply --file p.yaml", "cipher encrypt", "cipher decrypt",
                "operator recover", "operator restore", "operator backup", "nosuch command", "")) {
            assertFalse(HelperSettings.serves(List.of(line.split(" "))), line);
        }
    }

    @Test
    void relevantVariablesAreSpikeSpiffeAndLocale() {
        Map<String, String> env = Map.of("SPIKE_NEXUS_API_URL", "https://n", "SPIFFE_ENDPOINT_SOCKET", "unix:///s",
                "TZ", "UTC", "LANG", "C.UTF-8", "LC_ALL", "C", "PATH", "/bin", "PWD", "/home", "HOME", "/root",
                "SPIKE_TRACE_STARTUP", "true", "SPIKE_TRACE_T0", "1.5");
        assertEquals(Map.of("SPIKE_NEXUS_API_URL", "https://n", "SPIFFE_ENDPOINT_SOCKET", "unix:///s", "TZ", "UTC",
                "LANG", "C.UTF-8", "LC_ALL", "C"), HelperSettings.relevant(env));
    }

    @Test
    void theLauncherGuessesFromTheSameCommands() throws Exception {
        // dist/bin/spike picks its small AOT cache when a helper is likely to answer: same list, in bash.
        String launcher = java.nio.file.Files.readString(java.nio.file.Path.of("..", "distribution", "src", "bin", "spike"));
        String function = launcher.substring(launcher.indexOf("helper_likely() {"), launcher.indexOf("*) return 1 ;;"));
        var quoted = java.util.regex.Pattern.compile("\"([a-z]+ [a-z]+)\"").matcher(function);
        var inLauncher = new java.util.HashSet<String>();
        while (quoted.find()) {
            inLauncher.add(quoted.group(1));
        }
        assertEquals(HelperSettings.servedCommands(), inLauncher);
    }
}
