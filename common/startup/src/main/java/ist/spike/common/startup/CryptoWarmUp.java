package ist.spike.common.startup;

import ist.spike.common.crypto.AeadException;
import ist.spike.common.crypto.AesGcm;
import ist.spike.common.crypto.SecretBytes;
import org.slf4j.LoggerFactory;

/**
 * Gets the Bouncy Castle FIPS module ready on a background thread. Its power-up self-tests, the DRBG's
 * seeding and the first AES-GCM use (with its own known-answer test) are the longest part of Nexus's
 * start (docs/performance.md); a program that will need them (Nexus opening its store with the root key)
 * starts this first, so that time passes while it fetches its SVID and starts its listener instead of
 * after. Starting it touches no logger: it can start before logging is set up (class-path scanning and
 * configuration).
 */
public final class CryptoWarmUp {
    private CryptoWarmUp() {}

    /**
     * Starts the warm-up on a daemon thread, with the module's classes loaded beside it
     * ({@link FipsClassPreload}); whoever needs the module meanwhile just waits for it.
     */
    public static Thread start() {
        Thread thread = new Thread(CryptoWarmUp::run, "bc-fips-warm-up");
        thread.setDaemon(true);
        thread.start();
        FipsClassPreload.start();
        return thread;
    }

    static void run() {
        try {
            SecretBytes key = SecretBytes.random(AesGcm.KEY_LENGTH);
            try {
                AesGcm aead = AesGcm.create(key);
                aead.open(aead.seal(new byte[16], AesGcm.NO_ASSOCIATED_DATA), AesGcm.NO_ASSOCIATED_DATA);
            } finally {
                key.destroy();
            }
            StartupTrace.mark("Bouncy Castle FIPS ready");
        } catch (RuntimeException | AeadException e) {
            // Not fatal here: the real use reports the problem where it matters.
            LoggerFactory.getLogger(CryptoWarmUp.class).warn("BC FIPS warm-up failed: {}", e.toString());
        }
    }
}
