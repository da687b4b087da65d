package ist.spike.common.wire.policy;

import ist.spike.common.wire.GoZero;

/**
 * {@code POST /v1/acl/policy?action=get}.
 *
 * @param id the policy <em>name</em> (upstream calls the field id; it is validated with the name rule)
 */
public record PolicyGetRequest(String id) {
    public PolicyGetRequest {
        id = GoZero.string(id);
    }
}
