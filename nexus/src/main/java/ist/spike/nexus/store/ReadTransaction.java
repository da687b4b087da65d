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

    /**
     * The key/value pairs of a live version ({@code version} 0 = the current one), or empty if the path,
     * the version or a live one is missing. This is the hot read path: a backend may answer it with one
     * lookup; the default composes the methods above.
     *
     * @throws StoreIntegrityException if the stored record fails authentication
     */
    default Optional<Map<String, String>> liveSecretValues(String path, int version) {
        Optional<SecretMetadataRecord> meta = secretMetadata(path);
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        int wanted = version == 0 ? meta.get().currentVersion() : version;
        if (wanted <= 0) {
            return Optional.empty();
        }
        Optional<SecretVersionRecord> record = secretVersion(path, wanted);
        if (record.isEmpty() || record.get().isDeleted()) {
            return Optional.empty();
        }
        return secretValues(path, wanted);
    }

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
