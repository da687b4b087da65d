package ist.spike.common.wire.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import ist.spike.common.wire.GoZero;
import java.util.List;

/**
 * {@code POST /v1/acl/policy} (no action): upsert a policy by name. The write model's key is
 * {@code spiffeidPattern}; the read model ({@link PolicyGetResponse}) uses upstream's typo.
 *
 * @param spiffeIdPattern RE2 regex over peer SPIFFE IDs, matched unanchored
 * @param pathPattern RE2 regex over resource paths, matched unanchored
 * @param permissions subset of read, write, list, execute, super
 */
public record PolicyPutRequest(
        String name,
        @JsonProperty("spiffeidPattern") String spiffeIdPattern,
        String pathPattern,
        List<String> permissions) {
    public PolicyPutRequest {
        name = GoZero.string(name);
        spiffeIdPattern = GoZero.string(spiffeIdPattern);
        pathPattern = GoZero.string(pathPattern);
        permissions = GoZero.strings(permissions);
    }
}
