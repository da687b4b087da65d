package ist.spike.nexus.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** The write side of a store transaction; reads see the transaction's own writes. */
public interface WriteTransaction extends ReadTransaction {

    /** Creates or replaces the metadata of the secret at {@code path}. */
    void putSecretMetadata(String path, SecretMetadataRecord metadata);

    /**
     * Adds a version to an existing secret (write its metadata first). The version must not exist yet:
     * version numbers are never reused for other content.
     */
    void insertSecretVersion(String path, int version, Map<String, String> values, Instant createdTime);

    /** Sets or clears ({@code null}) the soft-delete time of one version; no-op if it does not exist. */
    void setSecretVersionDeletedTime(String path, int version, Instant deletedTime);

    /** Removes versions for good (pruning); unknown numbers are ignored. */
    void removeSecretVersions(String path, Collection<Integer> versions);

    /** Creates or replaces the opaque policy document stored under {@code name}. */
    void putPolicy(String name, byte[] document);

    /** Removes the policy stored under {@code name}; false if there was none. */
    boolean deletePolicy(String name);
}
