package ist.spike.nexus.store.records;

import java.util.Objects;

/** A stored value as storage sees it: opaque sealed bytes and the key generation that sealed them. */
public record Sealed(int generation, byte[] bytes) {
    public Sealed {
        Objects.requireNonNull(bytes, "bytes");
    }
}
