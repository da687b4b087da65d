package ist.spike.nexus.keyring;

/** What a data key is for. No key serves both: a cipher-service caller never holds a storage key's ciphertexts. */
public enum KeyPurpose {
    /** Seals the store's records (secret values, their bookkeeping, policies). */
    STORAGE,
    /** Encrypts for the cipher service's callers. */
    CIPHER
}
