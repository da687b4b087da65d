package ist.spike.nexus.config;

import ist.spike.common.config.Env;
import java.time.Duration;

/**
 * When data keys rotate (docs/configuration.md):
 *
 * @param interval        rotate once the active generation is this old; zero turns the schedule off
 * @param maxEncryptions  rotate before a key makes more AES-GCM encryptions with random nonces than this
 *                        (NIST SP 800-38D keeps the collision chance below 2^-32 under 2^32; Vault's
 *                        default, 3,865,470,566, is 90% of that)
 * @param batchSize       records re-sealed per write transaction while a rotation runs
 */
public record KeyRotationSettings(Duration interval, long maxEncryptions, int batchSize) {
    public static final long NIST_LIMIT_WITH_MARGIN = 3_865_470_566L;

    static KeyRotationSettings fromEnv(Env env) {
        return new KeyRotationSettings(
                env.duration("SPIKE_NEXUS_KEY_ROTATION_INTERVAL", Duration.ofDays(30)),
                env.parsed("SPIKE_NEXUS_KEY_MAX_ENCRYPTIONS", NIST_LIMIT_WITH_MARGIN, KeyRotationSettings::encryptions),
                env.intInRange("SPIKE_NEXUS_KEY_ROTATION_BATCH_SIZE", 500, 1, 100_000));
    }

    private static long encryptions(String value) {
        long n;
        try {
            n = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a whole number");
        }
        if (n < 1 || n > NIST_LIMIT_WITH_MARGIN) {
            throw new IllegalArgumentException("must be between 1 and " + NIST_LIMIT_WITH_MARGIN);
        }
        return n;
    }
}
