package ist.spike.common.wire.secret;

import ist.spike.common.wire.GoZero;
import java.util.List;

/**
 * {@code POST /v1/store/secrets?action=undelete} (upstream {@code SecretUndeleteRequest}).
 *
 * @param versions the versions; null (written {@code null}) or empty means the current one, 0 in the list
 *     also means the current one
 */
public record SecretUndeleteRequest(String path, List<Integer> versions) {
    public SecretUndeleteRequest {
        path = GoZero.string(path);
        versions = GoZero.ints(versions);
    }
}
