package ist.spike.nexus.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The per-path bookkeeping of a secret, as stored. Holds no secret data.
 *
 * @param currentVersion highest live version, 0 when every version is deleted
 * @param oldestVersion  lowest live version, 0 when every version is deleted
 * @param maxVersions    how many versions this secret keeps, fixed when it was created
 */
public record SecretMetadataRecord(int currentVersion, int oldestVersion, Instant createdTime, Instant updatedTime,
        int maxVersions) {
    public SecretMetadataRecord {
        Objects.requireNonNull(createdTime, "createdTime");
        Objects.requireNonNull(updatedTime, "updatedTime");
    }
}
