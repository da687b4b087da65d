package ist.spike.nexus.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored version of a secret, without its values.
 *
 * @param deletedTime when it was soft-deleted, or {@code null} while live
 */
public record SecretVersionRecord(int version, Instant createdTime, Instant deletedTime) {
    public SecretVersionRecord {
        Objects.requireNonNull(createdTime, "createdTime");
    }

    public boolean isDeleted() {
        return deletedTime != null;
    }
}
