package ist.spike.common.wire.cipher;

import ist.spike.common.wire.Redacted;
import java.util.Arrays;

/**
 * The binary format of the cipher stream mode (docs/api.md): one version byte (1), the 12-byte nonce,
 * then the ciphertext with its 16-byte tag. {@link #split} reports upstream's error texts, which Nexus
 * sends as text/plain in stream mode.
 */
public final class CipherBlob {
    public static final byte VERSION = CipherVersion.CURRENT;
    public static final int NONCE_LENGTH = 12;
    public static final int HEADER_LENGTH = 1 + NONCE_LENGTH;

    /** Why a blob could not be split, worded as upstream words it on the wire. */
    public enum Problem {
        MISSING_VERSION("crypto_failed_to_read_version"),
        UNSUPPORTED_VERSION("crypto_unsupported_version"),
        SHORT_NONCE("crypto_failed_to_read_nonce");

        private final String wireText;

        Problem(String wireText) {
            this.wireText = wireText;
        }

        public String wireText() {
            return wireText;
        }
    }

    /** A blob not in the format; says only which part was wrong. */
    public static final class MalformedBlobException extends Exception {
        private final Problem problem;

        MalformedBlobException(Problem problem) {
            super(problem.wireText(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** Nonce and ciphertext-with-tag, apart. */
    public record Parts(byte[] nonce, byte[] ciphertext) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Parts that && Arrays.equals(nonce, that.nonce)
                    && Arrays.equals(ciphertext, that.ciphertext);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(nonce) + Arrays.hashCode(ciphertext);
        }

        @Override
        public String toString() {
            return "Parts[nonce=" + Redacted.bytes(nonce) + ", ciphertext=" + Redacted.bytes(ciphertext) + "]";
        }
    }

    private CipherBlob() {}

    /** {@code 0x01 || nonce || ciphertext}. */
    public static byte[] join(byte[] nonce, byte[] ciphertext) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce must be " + NONCE_LENGTH + " bytes");
        }
        byte[] out = new byte[HEADER_LENGTH + ciphertext.length];
        out[0] = VERSION;
        System.arraycopy(nonce, 0, out, 1, NONCE_LENGTH);
        System.arraycopy(ciphertext, 0, out, HEADER_LENGTH, ciphertext.length);
        return out;
    }

    /** Splits a blob, checking in upstream's order: version present, version 1, whole nonce. */
    public static Parts split(byte[] blob) throws MalformedBlobException {
        if (blob.length < 1) {
            throw new MalformedBlobException(Problem.MISSING_VERSION);
        }
        if (blob[0] != VERSION) {
            throw new MalformedBlobException(Problem.UNSUPPORTED_VERSION);
        }
        if (blob.length < HEADER_LENGTH) {
            throw new MalformedBlobException(Problem.SHORT_NONCE);
        }
        return new Parts(Arrays.copyOfRange(blob, 1, HEADER_LENGTH), Arrays.copyOfRange(blob, HEADER_LENGTH, blob.length));
    }
}
