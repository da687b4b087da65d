package ist.spike.nexus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.config.ConfigException;
import ist.spike.common.config.Env;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NexusSettingsTest {
    private static Map<String, String> oneKeeper() {
        Map<String, String> env = new HashMap<>();
        env.put("SPIKE_NEXUS_KEEPER_PEERS", "https://keeper-1:8443");
        env.put("SPIKE_NEXUS_SHAMIR_SHARES", "1");
        env.put("SPIKE_NEXUS_SHAMIR_THRESHOLD", "1");
        return env;
    }

    @Test
    void aThresholdOfOneNeedsAnAcknowledgement() {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> NexusSettings.fromEnv(Env.of(oneKeeper())));
        assertTrue(refused.getMessage().contains("SPIKE_NEXUS_SHAMIR_THRESHOLD"), refused.getMessage());
        assertTrue(refused.getMessage().contains("SPIKE_NEXUS_SHAMIR_THRESHOLD_ONE_ACKNOWLEDGED=true"),
                refused.getMessage());

        Map<String, String> acknowledged = oneKeeper();
        acknowledged.put("SPIKE_NEXUS_SHAMIR_THRESHOLD_ONE_ACKNOWLEDGED", "true");
        assertEquals(1, NexusSettings.fromEnv(Env.of(acknowledged)).threshold());
    }

    @Test
    void theInMemoryBackendHasNoKeepersAndNeedsNoAcknowledgement() {
        assertEquals(1, NexusSettings.fromEnv(Env.of(Map.of("SPIKE_NEXUS_BACKEND_STORE", "memory",
                "SPIKE_NEXUS_SHAMIR_SHARES", "1", "SPIKE_NEXUS_SHAMIR_THRESHOLD", "1"))).threshold());
    }
}
