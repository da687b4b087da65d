package ist.spike.common.validate;

import java.util.Locale;
import java.util.Optional;

/** The policy permissions upstream knows; on the wire they are the lower-case names. */
public enum Permission {
    READ,
    WRITE,
    LIST,
    EXECUTE,
    /** Grants everything. */
    SUPER;

    /** The name on the wire and in policies: read, write, list, execute, super. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exact, case-sensitive match with a wire name, as upstream compares them. */
    public static Optional<Permission> fromWire(String name) {
        for (Permission permission : values()) {
            if (permission.wireName().equals(name)) {
                return Optional.of(permission);
            }
        }
        return Optional.empty();
    }
}
