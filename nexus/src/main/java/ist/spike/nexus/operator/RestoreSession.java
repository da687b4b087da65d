package ist.spike.nexus.operator;

import ist.spike.common.crypto.ConstantTime;
import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.shamir.Shamir;
import ist.spike.common.shamir.Share;
import ist.spike.nexus.rootkey.RootKeyHolder;
import ist.spike.nexus.rootkey.RootKeyLifecycle;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the shards an operator feeds in one at a time with {@code spike operator restore}. When
 * {@code threshold} distinct shards are in, the key is reconstructed and offered to the store; a key
 * that does not open the store's keyring is refused and every collected shard is discarded.
 */
public final class RestoreSession {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreSession.class);

    /** What the operator is told after each shard. */
    public record Status(int collected, int remaining, boolean restored) {}

    /** Why a shard was refused; each maps to 400 on the wire. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }
    }

    private final int threshold;
    private final int maxShareId;
    private final RootKeyHolder holder;
    private final RootKeyLifecycle lifecycle;
    private final Map<Integer, Share> collected = new TreeMap<>();

    public RestoreSession(int threshold, int maxShareId, RootKeyHolder holder, RootKeyLifecycle lifecycle) {
        this.threshold = threshold;
        this.maxShareId = maxShareId;
        this.holder = holder;
        this.lifecycle = lifecycle;
    }

    public synchronized Status submit(int id, byte[] shard) throws Refused {
        if (holder.isPresent()) {
            throw new Refused("Nexus already has its root key; restore is only for a Nexus that lost it");
        }
        if (id < 1 || id > maxShareId) {
            throw new Refused("shard id out of range");
        }
        if (shard == null || shard.length != 32 || ConstantTime.isAllZero(shard)) {
            throw new Refused("shard must be 32 bytes and not all zero");
        }
        if (!collected.containsKey(id)) {
            try {
                collected.put(id, new Share(id, shard));
            } catch (IllegalArgumentException e) {
                throw new Refused("not a valid shard");
            }
        }
        if (collected.size() < threshold) {
            return new Status(collected.size(), threshold - collected.size(), false);
        }
        try {
            SecretBytes key = Shamir.recover(new ArrayList<>(collected.values()), threshold);
            if (!lifecycle.offerRestored(key)) {
                LOG.error("SECURITY: restored shards reconstruct to a key that does not open the store's keyring "
                        + "(recovery files exported before a completed rekey, or of another deployment?); all collected "
                        + "shards were discarded");
                throw new Refused("the shards do not reconstruct this store's root key; collected shards discarded");
            }
        } catch (IllegalArgumentException e) {
            throw new Refused("the shards could not be combined; collected shards discarded");
        } finally {
            discard();
        }
        LOG.info("root key restored from {} operator shards", threshold);
        return new Status(threshold, 0, true);
    }

    private void discard() {
        collected.values().forEach(Share::destroy);
        collected.clear();
    }
}
