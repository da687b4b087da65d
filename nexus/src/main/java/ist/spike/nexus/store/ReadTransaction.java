package ist.spike.nexus.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/** The read side of a store transaction. Methods throw {@link StoreException} when storage fails. */
public interface ReadTransaction {

    /** The metadata of the secret at {@code path}, if the path exists. */
    Optional<SecretMetadataRecord> secretMetadata(String path);

    /** Every stored version of the secret at {@code path} (live and soft-deleted), ascending by number. */
    List<SecretVersionRecord> secretVersions(String path);

    /** One stored version of the secret at {@code path}, without its values. */
    Optional<SecretVersionRecord> secretVersion(String path, int version);

    /**
     * The key/value pairs of one stored version, whether soft-deleted or not.
     *
     * @throws StoreIntegrityException if the stored record fails authentication
     */
    Optional<Map<String, String>> secretValues(String path, int version);

    /** Every secret path, in no promised order. */
    List<String> secretPaths();

    /**
     * The opaque policy document stored under {@code name}.
     *
     * @throws StoreIntegrityException if the stored record fails authentication
     */
    Optional<byte[]> policy(String name);

    /** The names of every stored policy, sorted; reads no document (so one damaged row cannot hide the rest). */
    List<String> policyNames();

    /** Every policy document, by name. */
    SortedMap<String, byte[]> policies();
}
