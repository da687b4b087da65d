package ist.spike.nexus.keepers;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.spiffe.RolePredicate;
import ist.spike.nexus.config.KeeperPeer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which server may stand at one keeper's URL: an ID of the keeper role and, when the entry is bound, exactly the
 * bound ID. Judged in the TLS handshake, so a refused server gets no shard and is never asked for one. A refusal is
 * logged as an ERROR naming the expected and the presented ID, once per presented ID (Nexus retries every few
 * seconds; one line says it all).
 */
final class KeeperBinding implements Predicate<SpiffeId> {
    private static final Logger LOG = LoggerFactory.getLogger(KeeperBinding.class);
    /** Distinct presented IDs remembered; past this each further one is still refused, just not logged again. */
    private static final int MAX_REMEMBERED = 64;

    private final int keeper;
    private final KeeperPeer peer;
    private final RolePredicate keeperRole;
    private final Set<SpiffeId> reported = ConcurrentHashMap.newKeySet();
    private volatile SpiffeId lastRefused;

    KeeperBinding(int keeper, KeeperPeer peer, RolePredicate keeperRole) {
        this.keeper = keeper;
        this.peer = peer;
        this.keeperRole = keeperRole;
    }

    @Override
    public boolean test(SpiffeId presented) {
        return keeperRole.test(presented) && peer.boundId().map(presented::equals).orElse(true);
    }

    /** Called by the trust manager with the ID of a server this binding refused. */
    void refused(SpiffeId presented) {
        lastRefused = presented;
        if (reported.size() < MAX_REMEMBERED && reported.add(presented)) {
            LOG.error("keeper {} ({}) presented {} but {}: refused in the TLS handshake, no shard sent to it or "
                    + "read from it", keeper, peer.url(), presented, expected());
        }
    }

    /** The ID most recently refused, for the error of the request that failed. */
    Optional<SpiffeId> lastRefused() {
        return Optional.ofNullable(lastRefused);
    }

    boolean isBound() {
        return peer.boundId().isPresent();
    }

    /** "it is bound to spiffe://..." or "only keeper IDs are accepted (KEEPER ...)". */
    String expected() {
        return peer.boundId().map(id -> "it is bound to " + id)
                .orElse("only keeper IDs are accepted (" + keeperRole + ")");
    }

    @Override
    public String toString() {
        return peer.boundId().map(SpiffeId::toString).orElse(keeperRole.toString());
    }
}
