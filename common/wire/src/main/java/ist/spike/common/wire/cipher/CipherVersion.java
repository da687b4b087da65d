package ist.spike.common.wire.cipher;

/** The cipher {@code version} field is Go's {@code byte}: a JSON number 0-255. */
final class CipherVersion {
    /** The only version upstream produces and accepts. */
    static final int CURRENT = 1;

    private CipherVersion() {}

    static int check(int version) {
        if (version < 0 || version > 255) {
            throw new IllegalArgumentException("cipher version is a byte (0-255)");
        }
        return version;
    }
}
