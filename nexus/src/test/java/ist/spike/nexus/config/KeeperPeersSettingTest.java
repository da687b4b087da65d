package ist.spike.nexus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.config.ConfigException;
import ist.spike.common.config.Env;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPIKE_NEXUS_KEEPER_PEERS: bare URLs as upstream, or URL=SPIFFE-ID entries that bind a keeper to its ID. */
class KeeperPeersSettingTest {

    private static List<KeeperPeer> peers(String value, int shares) {
        return NexusSettings.fromEnv(Env.of(Map.of("SPIKE_NEXUS_KEEPER_PEERS", value,
                "SPIKE_NEXUS_SHAMIR_SHARES", Integer.toString(shares), "SPIKE_NEXUS_SHAMIR_THRESHOLD", "1",
                "SPIKE_NEXUS_SHAMIR_THRESHOLD_ONE_ACKNOWLEDGED", "true")))
                .keeperPeers();
    }

    @Test
    void entriesMayBindTheirKeeperOrNot() {
        List<KeeperPeer> peers = peers("https://k1:8443=spiffe://spike.ist/spike/keeper/1, https://k2:8443", 2);
        assertEquals(URI.create("https://k1:8443"), peers.get(0).url());
        assertEquals(Optional.of(SpiffeId.parse("spiffe://spike.ist/spike/keeper/1")), peers.get(0).boundId());
        assertEquals(URI.create("https://k2:8443"), peers.get(1).url());
        assertEquals(Optional.empty(), peers.get(1).boundId());
    }

    @Test
    void badBindingsStopNexusWithTheEntryNamed() {
        for (String bad : List.of(
                "https://k1:8443=keeper1,https://k2:8443",
                "https://k1:8443=spiffe://spike.ist/spike/nexus,https://k2:8443",
                "https://k1:8443=spiffe://spike.ist/spike/keeperx,https://k2:8443",
                "https://k1:8443=,https://k2:8443",
                "https://k1:8443=spiffe://spike.ist/spike/keeper/1,https://k2:8443=spiffe://spike.ist/spike/keeper/1",
                "https://k1:8443=spiffe://spike.ist/spike/keeper/1,https://k1:8443=spiffe://spike.ist/spike/keeper/2")) {
            ConfigException e = assertThrows(ConfigException.class, () -> peers(bad, 2), bad);
            assertTrue(e.getMessage().startsWith("SPIKE_NEXUS_KEEPER_PEERS: "), e.getMessage());
        }
    }
}
