package ist.spike.nexus.secret;

import java.time.Instant;
import java.util.List;

/**
 * A secret's whole history and bookkeeping; no values.
 *
 * @param versions       every stored version (live and soft-deleted), ascending by number
 * @param currentVersion highest live version, 0 when all are deleted
 * @param oldestVersion  lowest live version, 0 when all are deleted
 * @param maxVersions    how many versions this secret keeps, fixed at its creation
 */
public record SecretMetadata(List<SecretVersionInfo> versions, int currentVersion, int oldestVersion,
        Instant createdTime, Instant updatedTime, int maxVersions) {
    public SecretMetadata {
        versions = List.copyOf(versions);
    }
}
