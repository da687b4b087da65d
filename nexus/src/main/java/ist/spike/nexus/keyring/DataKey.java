package ist.spike.nexus.keyring;

import ist.spike.common.crypto.SecretBytes;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the keyring.
 *
 * @param generation           the number records name (AES-GCM associated data binds it too)
 * @param legacy               the root key of a store written before keyrings existed, kept to open what
 *                             that release sealed directly under it
 * @param encryptionsReserved  an upper bound of the encryptions made with it (persisted before use)
 * @param material             the 32-byte AES key; null once retired
 */
public record DataKey(int generation, KeyPurpose purpose, KeyState state, Instant createdTime, boolean legacy,
        long encryptionsReserved, SecretBytes material) {
    public DataKey {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdTime, "createdTime");
        if ((material == null) != (state == KeyState.RETIRED)) {
            throw new IllegalArgumentException("a retired key has no material, every other key has");
        }
    }

    DataKey withState(KeyState next) {
        SecretBytes kept = next == KeyState.RETIRED ? null : material;
        return new DataKey(generation, purpose, next, createdTime, legacy, encryptionsReserved, kept);
    }

    DataKey withReserved(long reserved) {
        return new DataKey(generation, purpose, state, createdTime, legacy, reserved, material);
    }

    @Override
    public String toString() {
        return "DataKey[" + purpose + " generation " + generation + ", " + state + (legacy ? ", legacy" : "")
                + ", key redacted]";
    }
}
