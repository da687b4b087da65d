package ist.spike.common.wire.secret;

import com.fasterxml.jackson.annotation.JsonInclude;
import ist.spike.common.wire.GoZero;

/**
 * {@code POST /v1/store/secrets/metadata?action=get}.
 *
 * @param version the version that must exist; 0 (omitted on the wire) means the current one
 */
public record SecretMetadataRequest(
        String path, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int version) {
    public SecretMetadataRequest {
        path = GoZero.string(path);
    }
}
