package ist.spike.nexus.keepers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.config.ConfigException;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.nexus.config.KeeperPeer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpKeeperPeersTest {

    /** A binding no server could ever satisfy is a typo: Nexus stops instead of waiting forever. */
    @Test
    void aBoundIdOutsideTheKeeperTrustDomainsStopsNexus() {
        Roles roles = Roles.of(Map.of(Role.KEEPER, List.of("keepers.example.org")));
        KeeperPeer peer = KeeperPeer.bound(URI.create("https://k1:8443"),
                SpiffeId.parse("spiffe://spike.ist/spike/keeper/1"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> HttpKeeperPeers.open(List.of(peer), null, roles.predicate(Role.KEEPER)));
        assertTrue(e.getMessage().startsWith("SPIKE_NEXUS_KEEPER_PEERS: \"https://k1:8443=spiffe://spike.ist"),
                e.getMessage());
        assertTrue(e.getMessage().contains("SPIKE_TRUST_ROOT_KEEPER"), e.getMessage());
    }
}
