package ist.spike.nexus.rootkey;

import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.startup.StartupTrace;
import ist.spike.common.shamir.Shamir;
import ist.spike.common.shamir.Share;
import ist.spike.nexus.store.StoreException;
import java.security.MessageDigest;
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

    /**
     * Loops until the root key is set (here or by a restore). Run it on its own (virtual) thread. A store
     * that cannot be read does not end the loop: it is reported once per cause, then retried with backoff.
     */
    public void run() throws InterruptedException {
        Map<Integer, byte[]> shards = new TreeMap<>();
        String lastFailure = null;
        int failures = 0;
        while (!holder.isPresent()) {
            try {
                if (attempt(shards)) {
                    if (failures > 0) {
                        LOG.info("the store opened after {} failed attempts", failures);
                    }
                    return;
                }
            } catch (RuntimeException e) {
                discard(shards);
                failures++;
                // A StoreException names the file and what is wrong; anything else is described by its type.
                String failure = e instanceof StoreException ? describe(e) : e.getClass().getName();
                if (!failure.equals(lastFailure)) {
                    LOG.error("cannot open the store: {}; Nexus stays sealed and retries with backoff", failure);
                    lastFailure = failure;
                } else if (Integer.bitCount(failures) == 1) {
                    LOG.warn("the store still cannot be opened after {} attempts: {}", failures, failure);
                }
            }
            backoff.pause();
        }
    }

    /** The exception's message and the messages of its causes, on one line. */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage());
        }
        return text.toString().replaceAll("\\s+", " ");
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
     * of two root keys while a rekey is under way, or one keeper may hold a wrong shard. Shards are a
     * deterministic function of the key (ADR-0001), so once a combination fits, every other keeper's
     * shard can be checked against it and a keeper holding a wrong one is named.
     */
    private boolean tryShards(Map<Integer, byte[]> shards) throws InterruptedException {
        if (tryCombination(shards, List.copyOf(shards.keySet()))) {
            return done(shards);
        }
        LOG.warn("the shards of keepers {} do not rebuild this store's root key; asking every keeper and trying "
                + "each combination", List.copyOf(shards.keySet()));
        ShardCollector.collect(keepers, shards, keepers.ids().size());
        List<Integer> ids = List.copyOf(shards.keySet());
        for (List<Integer> combination : Combinations.of(ids, threshold)) {
            if (tryCombination(shards, combination)) {
                return done(shards);
            }
        }
        LOG.error("SECURITY: no combination of the shards of keepers {} rebuilds a key that opens this store. "
                + "No key was used. Nexus keeps waiting for correct shards or an operator restore.", ids);
        discard(shards);
        return false;
    }

    private boolean done(Map<Integer, byte[]> shards) {
        LOG.info("root key reconstructed from keeper shards; Nexus is ready");
        StartupTrace.mark("nexus: ready");
        discard(shards);
        return true;
    }

    /**
     * Rebuilds a key from the shards of {@code ids} (the first {@code threshold}) and offers it; when the
     * store takes it, names the keepers whose shards do not belong to that key.
     */
    private boolean tryCombination(Map<Integer, byte[]> shards, List<Integer> ids) {
        List<Integer> used = ids.subList(0, threshold);
        List<Share> shares = new ArrayList<>();
        SecretBytes candidate;
        try {
            for (int id : used) {
                shares.add(new Share(id, shards.get(id)));
            }
            candidate = Shamir.recover(shares, threshold);
        } catch (IllegalArgumentException e) {
            LOG.error("keeper shards {} could not be combined: {}", used, e.getMessage());
            return false;
        } finally {
            shares.forEach(Share::destroy);
        }
        List<Integer> inconsistent = inconsistentWith(candidate, shards);
        if (!offer(candidate)) {
            return false;
        }
        for (int id : inconsistent) {
            LOG.error("keeper {} ({}) gave a shard that does not belong to the root key rebuilt from keepers {}: a "
                    + "stale shard from an unfinished rekey, or a faulty or tampered keeper. The next keeper sync "
                    + "replaces it.", id, keepers.describe(id), used);
        }
        return true;
    }

    /** The keepers in {@code shards} whose shard differs from the one {@code key} gives them. */
    private List<Integer> inconsistentWith(SecretBytes key, Map<Integer, byte[]> shards) {
        List<Share> expected = Shamir.split(key, threshold, keepers.ids().size());
        List<Integer> inconsistent = new ArrayList<>();
        try {
            for (Share share : expected) {
                byte[] held = shards.get(share.id());
                if (held != null) {
                    byte[] value = share.value();
                    if (!MessageDigest.isEqual(value, held)) {
                        inconsistent.add(share.id());
                    }
                    Arrays.fill(value, (byte) 0);
                }
            }
            return inconsistent;
        } finally {
            expected.forEach(Share::destroy);
        }
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
