package ist.spike.common.wire.policy;

import ist.spike.common.wire.GoZero;

/**
 * {@code POST /v1/acl/policy?action=delete}.
 *
 * @param id the policy <em>name</em> (upstream calls the field id; it is validated with the name rule)
 */
public record PolicyDeleteRequest(String id) {
    public PolicyDeleteRequest {
        id = GoZero.string(id);
    }
}
