package ist.spike.nexus.keyring;

/** Where a data key is in its life. */
public enum KeyState {
    /** Seals new records (storage) or new ciphertexts (cipher service). One per purpose. */
    ACTIVE,
    /** Opens what it sealed, seals nothing new: a rotation is moving its records to the active key. */
    DECRYPT_ONLY,
    /** Nothing refers to it any more; its key material is destroyed, the entry stays as history. */
    RETIRED
}
