package ist.spike.common.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM through BC FIPS, shaped so it is hard to misuse: the encrypt path draws its own 96-bit
 * nonce from the DRBG (callers cannot pass one), associated data is a required argument, and a
 * failed tag check is an {@link AeadException} that says nothing about the data.
 *
 * <p>Cipher objects are pooled: {@code Cipher.getInstance} costs several times a whole encryption,
 * and a Cipher is safe to reuse once re-initialised with a fresh nonce.
 */
public final class AesGcm {
    public static final int KEY_LENGTH = 32;
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;

    /**
     * Empty associated data, for the upstream wire formats that use none (the cipher service and
     * bootstrap verification). Storage must always bind its records with real associated data.
     */
    public static final byte[] NO_ASSOCIATED_DATA = new byte[0];

    private final SecretKeySpec key;
    private final ConcurrentLinkedQueue<Cipher> pool = new ConcurrentLinkedQueue<>();

    private AesGcm(SecretKeySpec key) {
        this.key = key;
    }

    /** An AEAD under a 32-byte key. The key bytes are copied; destroying {@code key} later does not affect this. */
    public static AesGcm create(SecretBytes key) {
        if (key.length() != KEY_LENGTH) {
            throw new IllegalArgumentException("AES-256-GCM needs a 32-byte key, got " + key.length());
        }
        byte[] raw = key.copyRawBytes();
        try {
            return new AesGcm(new SecretKeySpec(raw, "AES"));
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    /** A nonce and ciphertext-with-tag kept apart, as upstream's JSON cipher API carries them. */
    public record Detached(byte[] nonce, byte[] ciphertext) {}

    /** Encrypts under a fresh random nonce. Returns {@code nonce || ciphertext || tag}. */
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        Detached d = sealDetached(plaintext, associatedData);
        byte[] out = new byte[NONCE_LENGTH + d.ciphertext().length];
        System.arraycopy(d.nonce(), 0, out, 0, NONCE_LENGTH);
        System.arraycopy(d.ciphertext(), 0, out, NONCE_LENGTH, d.ciphertext().length);
        return out;
    }

    /** Decrypts {@code nonce || ciphertext || tag} produced by {@link #seal}. */
    public byte[] open(byte[] sealed, byte[] associatedData) throws AeadException {
        Objects.requireNonNull(sealed, "sealed");
        if (sealed.length < NONCE_LENGTH + TAG_LENGTH) {
            throw new AeadException("sealed data too short");
        }
        return run(Cipher.DECRYPT_MODE, sealed, 0, NONCE_LENGTH, sealed, NONCE_LENGTH,
                sealed.length - NONCE_LENGTH, associatedData);
    }

    /** Encrypts under a fresh random nonce, returning nonce and ciphertext-with-tag separately. */
    public Detached sealDetached(byte[] plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = Randomness.nonce(NONCE_LENGTH);
        try {
            byte[] ct = run(Cipher.ENCRYPT_MODE, nonce, 0, NONCE_LENGTH, plaintext, 0, plaintext.length,
                    associatedData);
            return new Detached(nonce, ct);
        } catch (AeadException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts a ciphertext-with-tag under the given 12-byte nonce. */
    public byte[] openDetached(byte[] nonce, byte[] ciphertext, byte[] associatedData) throws AeadException {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (nonce.length != NONCE_LENGTH) {
            throw new AeadException("nonce must be " + NONCE_LENGTH + " bytes");
        }
        if (ciphertext.length < TAG_LENGTH) {
            throw new AeadException("ciphertext too short");
        }
        return run(Cipher.DECRYPT_MODE, nonce, 0, NONCE_LENGTH, ciphertext, 0, ciphertext.length, associatedData);
    }

    private byte[] run(int mode, byte[] nonce, int nonceOff, int nonceLen, byte[] in, int inOff, int inLen,
            byte[] associatedData) throws AeadException {
        Objects.requireNonNull(associatedData, "associatedData is required (use NO_ASSOCIATED_DATA explicitly)");
        Cipher cipher = borrow();
        boolean reusable = false;
        try {
            cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce, nonceOff, nonceLen));
            if (associatedData.length > 0) {
                cipher.updateAAD(associatedData);
            }
            byte[] out = cipher.doFinal(in, inOff, inLen);
            reusable = true;
            return out;
        } catch (AEADBadTagException e) {
            reusable = true;
            throw new AeadException("authentication failed");
        } catch (GeneralSecurityException e) {
            throw new AeadException("AES-GCM operation failed: " + e.getClass().getSimpleName());
        } finally {
            if (reusable) {
                pool.offer(cipher);
            }
        }
    }

    private Cipher borrow() {
        Cipher cipher = pool.poll();
        if (cipher != null) {
            return cipher;
        }
        try {
            return Cipher.getInstance("AES/GCM/NoPadding", Fips.provider());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM unavailable in BC FIPS", e);
        }
    }

    @Override
    public String toString() {
        return "AesGcm[AES-256-GCM, key redacted]";
    }
}
