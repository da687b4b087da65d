package ist.spike.common.wire.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import ist.spike.common.wire.GoZero;

/**
 * {@code POST /v1/acl/policy?action=list}. Both filters are always written (no omitempty). A non-empty
 * SPIFFE-ID pattern filters by exact equality with the stored pattern; else a non-empty path pattern does;
 * else every policy is listed.
 */
public record PolicyListRequest(
        @JsonProperty("spiffeidPattern") String spiffeIdPattern, String pathPattern) {
    public static final PolicyListRequest ALL = new PolicyListRequest("", "");

    public PolicyListRequest {
        spiffeIdPattern = GoZero.string(spiffeIdPattern);
        pathPattern = GoZero.string(pathPattern);
    }
}
