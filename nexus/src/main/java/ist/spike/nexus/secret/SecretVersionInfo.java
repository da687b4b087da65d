package ist.spike.nexus.secret;

import java.time.Instant;

/**
 * One version in a secret's history.
 *
 * @param deletedTime when it was soft-deleted, {@code null} while live
 */
public record SecretVersionInfo(int version, Instant createdTime, Instant deletedTime) {
    public boolean isDeleted() {
        return deletedTime != null;
    }
}
