package ist.spike.nexus.store.records;

import java.util.Objects;

/** Names one sealed record: its kind, its name (path, policy or state name) and, for secret values, a version. */
public record RecordKey(Kind kind, String name, int version) {
    /** The kinds of sealed record a store keeps. */
    public enum Kind {
        SECRET_INDEX, SECRET_VALUES, POLICY, STATE
    }

    public RecordKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }
}
