package ist.spike.common.wire.secret;

import ist.spike.common.wire.GoZero;
import java.util.List;

/**
 * {@code POST /v1/store/secrets?action=delete} (upstream {@code SecretDeleteRequest}).
 *
 * @param versions the versions; null (written {@code null}) or empty means the current one, 0 in the list
 *     also means the current one
 */
public record SecretDeleteRequest(String path, List<Integer> versions) {
    public SecretDeleteRequest {
        path = GoZero.string(path);
        versions = GoZero.ints(versions);
    }
}
