package ist.spike.nexus.rootkey;

import ist.spike.common.crypto.SecretBytes;

/**
 * The lite backend as the root-key lifecycle sees it: nothing is stored, so there is no key-check
 * record and any key "opens" it. Consequences, by design of lite mode:
 * <ul>
 *   <li>a wrong key (shards from another deployment) cannot be detected: Nexus serves with it, and
 *       ciphertexts made under the right key fail to decrypt;
 *   <li>when every keeper answers and none holds a shard, Nexus takes it for a first boot and makes a
 *       new key. If Nexus and all keepers lost their memory together, that new key cannot decrypt
 *       earlier ciphertexts: keep the shards from {@code spike operator recover} and restore them.
 * </ul>
 */
public final class LiteKeyedStore implements KeyedStore {
    @Override
    public boolean verifiesKeys() {
        return false;
    }

    @Override
    public boolean isInitialised() {
        return false;
    }

    @Override
    public SecretBytes open(SecretBytes key) {
        return key; // nothing to open or check
    }
}
