package ist.spike.nexus.config;

import io.spiffe.spiffeid.SpiffeId;
import java.net.URI;
import java.util.Optional;

/**
 * One entry of SPIKE_NEXUS_KEEPER_PEERS: where the keeper is and, when bound, the exact SPIFFE ID it
 * must present. An unbound keeper is any keeper identity (upstream's rule), which lets one keeper SVID
 * stand in for every keeper; docs/adr/0014-keeper-binding.md.
 */
public record KeeperPeer(URI url, Optional<SpiffeId> boundId) {
    public KeeperPeer {
        boundId = boundId == null ? Optional.empty() : boundId;
    }

    public static KeeperPeer unbound(URI url) {
        return new KeeperPeer(url, Optional.empty());
    }

    public static KeeperPeer bound(URI url, SpiffeId id) {
        return new KeeperPeer(url, Optional.of(id));
    }

    /** The entry as written in SPIKE_NEXUS_KEEPER_PEERS. */
    @Override
    public String toString() {
        return boundId.map(id -> url + "=" + id).orElse(url.toString());
    }
}
