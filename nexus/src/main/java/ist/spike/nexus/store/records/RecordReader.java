package ist.spike.nexus.store.records;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of dumb storage: sealed records by key, nothing it can interpret. Everything a record
 * means (versions, times, deletion, which policies exist) is inside the seal, above this interface.
 */
public interface RecordReader {
    /** The sealed keyring copies, by root epoch. */
    Map<Integer, byte[]> keyrings();

    /**
     * The record stored under {@code key}. Policies are looked up by name alone and come back with the
     * revision stored beside them in the returned key's version.
     */
    Optional<Stored> get(RecordKey key);

    /**
     * The secret index of {@code path} and the values record of it with the highest version number
     * (usually the current version: a get needs no second lookup).
     */
    Optional<IndexedSecret> secretIndex(String path);

    /** Every path that has a secret index, in no promised order. */
    List<String> secretPaths();

    /** Every name that has a policy record, sorted. */
    List<String> policyNames();

    /**
     * Up to {@code limit} records after {@code after} (null: from the start) in storage order, with
     * their generations: a rotation walks the whole store with it, batch by batch.
     */
    List<Stored> scan(RecordKey after, int limit);

    /** A record and what storage holds for it. */
    record Stored(RecordKey key, Sealed sealed) {}

    /** A sealed secret index and the highest-numbered values record stored beside it (null: none). */
    record IndexedSecret(Sealed index, Stored highestValues) {
        /** The highest version number stored for the secret, 0 when none is. */
        public int highestStoredVersion() {
            return highestValues == null ? 0 : highestValues.key().version();
        }
    }
}
