package ist.spike.nexus.rootkey;

import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.startup.StartupTrace;
import ist.spike.common.shamir.Shamir;
import ist.spike.common.shamir.Share;
import ist.spike.nexus.store.StoreException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets Nexus its root key with no human, as docs/architecture.md "The root key" describes:
 * <ul>
 *   <li>keepers hold shards: collect {@code threshold} distinct ones, reconstruct, and open the store
 *       with the key (a key that does not open the store's keyring is refused loudly and never used);
 *   <li>store uninitialised and every keeper answers that it holds nothing: first boot, generate a key,
 *       initialise the store, push the shards;
 *   <li>anything else (keepers down, too few shards): wait with backoff, until an operator restore.
 * </ul>
 */
public final class RootKeyLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(RootKeyLifecycle.class);

    private final KeyedStore store;
    private final KeeperPeers keepers;
    private final int threshold;
    private final RootKeyHolder holder;
    private final Backoff backoff;

    public RootKeyLifecycle(KeyedStore store, KeeperPeers keepers, int threshold, RootKeyHolder holder,
            Backoff backoff) {
        this.store = store;
        this.keepers = keepers;
        this.threshold = threshold;
        this.holder = holder;
        this.backoff = backoff;
    }

    /** Loops until the root key is set (here or by a restore). Run it on its own (virtual) thread. */
    public void run() throws InterruptedException {
        Map<Integer, byte[]> shards = new TreeMap<>();
        while (!holder.isPresent()) {
            try {
                if (attempt(shards)) {
                    return;
                }
            } catch (StoreException e) {
                LOG.error("cannot open the store: {}; retrying with backoff", e.getMessage());
                discard(shards);
            }
            backoff.pause();
        }
    }

    /** One round: ask every keeper still missing; act on what came back. True when the key is set. */
    boolean attempt(Map<Integer, byte[]> shards) throws InterruptedException {
        if (holder.isPresent()) {
            return true;
        }
        boolean allAnswered = ShardCollector.collect(keepers, shards, threshold);
        StartupTrace.mark("nexus: " + shards.size() + " keeper shards in");
        if (holder.isPresent()) {
            discard(shards);
            return true;
        }
        if (shards.size() >= threshold) {
            return tryShards(shards);
        }
        if (shards.isEmpty() && allAnswered && !store.isInitialised()) {
            return firstBoot();
        }
        if (store.isInitialised() || !shards.isEmpty()) {
            LOG.warn("waiting for root key shards: {} of {} needed are in (restore with 'spike operator restore' "
                    + "if the keepers lost them)", shards.size(), threshold);
        } else {
            LOG.warn("waiting for every keeper to answer before the first boot");
        }
        return false;
    }

    /**
     * Tries the first {@code threshold} shards; if their key does not open the store, asks every keeper
     * and tries each combination of {@code threshold} shards (C(n, t) is small): keepers may hold shards
     * of two root keys while a rekey is under way, or one keeper may hold a wrong shard.
     */
    private boolean tryShards(Map<Integer, byte[]> shards) throws InterruptedException {
        if (tryCombination(shards, List.copyOf(shards.keySet()))) {
            return done(shards);
        }
        ShardCollector.collect(keepers, shards, keepers.ids().size());
        List<Integer> ids = List.copyOf(shards.keySet());
        for (List<Integer> combination : Combinations.of(ids, threshold)) {
            if (tryCombination(shards, combination)) {
                List<Integer> others = ids.stream().filter(id -> !combination.contains(id)).toList();
                if (!others.isEmpty()) {
                    LOG.warn("root key rebuilt from keepers {}; the shards of keepers {} were not needed (they may "
                            + "hold a shard of another root key until the next sync replaces it)", combination, others);
                }
                return done(shards);
            }
        }
        LOG.error("SECURITY: no combination of the {} keeper shards collected rebuilds a key that opens this store. "
                + "No key was used. Nexus keeps waiting for correct shards or an operator restore.", shards.size());
        discard(shards);
        return false;
    }

    private boolean done(Map<Integer, byte[]> shards) {
        LOG.info("root key reconstructed from keeper shards; Nexus is ready");
        StartupTrace.mark("nexus: ready");
        discard(shards);
        return true;
    }

    /** Rebuilds a key from the shards of {@code ids} (the first {@code threshold}) and offers it. */
    private boolean tryCombination(Map<Integer, byte[]> shards, List<Integer> ids) {
        List<Share> shares = new ArrayList<>();
        SecretBytes candidate;
        try {
            for (int id : ids.subList(0, threshold)) {
                shares.add(new Share(id, shards.get(id)));
            }
            candidate = Shamir.recover(shares, threshold);
        } catch (IllegalArgumentException e) {
            LOG.error("keeper shards {} could not be combined: {}", ids, e.getMessage());
            return false;
        } finally {
            shares.forEach(Share::destroy);
        }
        return offer(candidate);
    }

    private boolean firstBoot() {
        SecretBytes key = Shamir.newRootKey();
        LOG.info("first boot: the store is empty and no keeper holds a shard; generating a new root key");
        return offer(key);
    }

    /**
     * An operator restore's key: accepted only by a store that can check it. A store that verifies keys but
     * holds no keyring yet gets its key at first boot or from the keepers, never from a restore (which
     * would bind it to a key of the restorer's choosing and push that key to every keeper).
     */
    public synchronized boolean offerRestored(SecretBytes candidate) {
        if (store.verifiesKeys() && !store.isInitialised()) {
            LOG.error("SECURITY: restore refused: the store holds no keyring to check the restored key against "
                    + "(a new store gets its key at first boot or from the keepers)");
            candidate.destroy();
            return false;
        }
        return offer(candidate);
    }

    /**
     * Opens the store with {@code candidate} and, if it fits, makes it the root key. Used by recovery,
     * first boot and the operator restore route. A refused key is destroyed.
     */
    public synchronized boolean offer(SecretBytes candidate) {
        if (holder.isPresent()) {
            candidate.destroy();
            return true;
        }
        SecretBytes effective;
        try {
            effective = store.open(candidate);
        } catch (KeyedStore.WrongRootKeyException e) {
            candidate.destroy();
            return false;
        }
        if (effective != candidate) {
            candidate.destroy();
        }
        holder.setIfAbsent(effective);
        return true;
    }

    private static void discard(Map<Integer, byte[]> shards) {
        shards.values().forEach(v -> Arrays.fill(v, (byte) 0));
        shards.clear();
    }
}
