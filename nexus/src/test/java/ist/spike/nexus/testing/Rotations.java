package ist.spike.nexus.testing;

import ist.spike.nexus.config.KeyRotationSettings;
import ist.spike.nexus.store.sealed.KeyRotation;
import java.time.Duration;

/** Runs data-key rotations in tests and waits for them. */
public final class Rotations {
    private Rotations() {}

    /** Rotation off schedule, the default limit, small batches (so a rotation spans many). */
    public static KeyRotationSettings settings() {
        return new KeyRotationSettings(Duration.ZERO, KeyRotationSettings.NIST_LIMIT_WITH_MARGIN, 7);
    }

    /** Waits until the rotation is no longer running; fails if it failed or takes longer than a minute. */
    public static KeyRotation.Status awaitDone(KeyRotation rotation) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            KeyRotation.Status s = rotation.status();
            if (s.phase() == KeyRotation.Phase.FAILED) {
                throw new AssertionError("rotation failed: " + s.lastError());
            }
            if (s.phase() == KeyRotation.Phase.IDLE && !s.keyring().rotationPending()) {
                return s;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("rotation did not finish: " + rotation.status());
    }
}
