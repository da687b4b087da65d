package ist.spike.common.wire.policy;

import ist.spike.common.wire.GoZero;

/**
 * One entry of a policy list (upstream {@code data.PolicyListItem}): {@code {"id":"","name":"..."}}.
 * Assumption: both fields are written always (upstream's answers show {@code "id":""}), so neither is omitempty.
 */
public record PolicyListItem(String id, String name) {
    public PolicyListItem {
        id = GoZero.string(id);
        name = GoZero.string(name);
    }

    public static PolicyListItem named(String name) {
        return new PolicyListItem("", name);
    }
}
