package ist.spike.common.wire.secret;

import ist.spike.common.wire.GoTime;
import ist.spike.common.wire.GoZero;
import java.time.Instant;

/** The metadata {@code metadata} object (upstream {@code data.SecretMetaDataContent}). */
public record SecretMetadataContent(
        int currentVersion, int oldestVersion, Instant createdTime, Instant updatedTime, int maxVersions) {
    /** Go's zero value: every number 0, both times {@code 0001-01-01T00:00:00Z}. */
    public static final SecretMetadataContent ZERO = new SecretMetadataContent(0, 0, GoTime.ZERO, GoTime.ZERO, 0);

    public SecretMetadataContent {
        createdTime = GoZero.time(createdTime);
        updatedTime = GoZero.time(updatedTime);
    }
}
