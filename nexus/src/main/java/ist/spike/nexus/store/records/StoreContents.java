package ist.spike.nexus.store.records;

import java.util.Map;

/**
 * What storage holds, learned without a key and without writing: which keyring copies there are (by
 * root epoch), the key check of a pre-keyring store, and whether any record exists at all.
 */
public record StoreContents(Map<Integer, byte[]> keyrings, byte[] legacyKeyCheck, boolean holdsRecords) {
    public StoreContents {
        keyrings = Map.copyOf(keyrings);
    }

    public static StoreContents empty() {
        return new StoreContents(Map.of(), null, false);
    }

    /** Bound to some root key already (a keyring or a legacy key check): not a first boot. */
    public boolean initialised() {
        return !keyrings.isEmpty() || legacyKeyCheck != null;
    }
}
