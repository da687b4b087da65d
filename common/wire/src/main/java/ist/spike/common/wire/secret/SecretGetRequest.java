package ist.spike.common.wire.secret;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.GoZero;

/**
 * {@code POST /v1/store/secrets?action=get} (upstream {@code SecretReadRequest}).
 *
 * @param version the version to read; 0 (omitted on the wire) means the current one
 */
public record SecretGetRequest(
        String path, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int version) {
    public SecretGetRequest {
        path = GoZero.string(path);
    }
}
