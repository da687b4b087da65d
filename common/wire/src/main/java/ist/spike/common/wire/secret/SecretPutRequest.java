package ist.spike.common.wire.secret;

import ist.spike.common.wire.GoZero;
import ist.spike.common.wire.Redacted;
import java.util.Map;

/**
 * {@code POST /v1/store/secrets} (no action): upsert a secret (upstream {@code SecretPutRequest}).
 * Upstream's struct also has an {@code err} field (omitempty) that no one sets; it is left out here, which
 * is the same on the wire.
 *
 * @param path the secret path (upstream's path rule, docs/api.md)
 * @param values key/value pairs; the keys must match the name rule, the values are the secret
 */
public record SecretPutRequest(String path, Map<String, String> values) {
    public SecretPutRequest {
        path = GoZero.string(path);
        values = GoZero.stringMap(values);
    }

    @Override
    public String toString() {
        return "SecretPutRequest[path=" + path + ", values=" + Redacted.values(values) + "]";
    }
}
