package ist.spike.common.wire.secret;

import ist.spike.common.wire.GoZero;
import java.time.Instant;

/**
 * One entry of the metadata {@code versions} map (upstream {@code data.SecretVersionInfo}).
 *
 * @param deletedTime null while the version is not deleted (Go {@code *time.Time}; written as null)
 */
public record SecretVersionInfo(Instant createdTime, int version, Instant deletedTime) {
    public SecretVersionInfo {
        createdTime = GoZero.time(createdTime);
    }
}
