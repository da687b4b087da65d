package ist.spike.pilot.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.wire.operator.KeysResponse;
import ist.spike.common.wire.operator.KeysResponse.Generation;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code spike operator keys} and {@code rotate} in human format, from Nexus's answers alone. */
class KeyringTextTest {
    private static final KeyringText UTC = new KeyringText(ZoneId.of("UTC"));
    /** An upgraded store (generation 1 is its old root key) in its eleventh rotation. */
    private static final List<Generation> ROTATING = List.of(
            new Generation(1, "storage", "retired", "2026-11-01T08:00:00Z", true),
            new Generation(1, "cipher", "decrypt-only", "2026-11-01T08:00:00Z", true),
            new Generation(11, "storage", "decrypt-only", "2026-11-20T09:12:03Z", false),
            new Generation(12, "storage", "active", "2026-11-23T19:41:52.123456Z", false),
            new Generation(12, "cipher", "active", "2026-11-23T19:41:52.123456Z", false));

    private static KeysResponse state(String phase, long resealed, long verified, long failed, String lastError) {
        return new KeysResponse(12, 1, phase, resealed, verified, failed, 3400, 4_294_967_296L,
                "2026-11-23T19:41:52Z", "2026-12-23T19:41:52Z", "", false, lastError, ROTATING, "");
    }

    @Test
    void theKeyringDuringARotation() {
        assertEquals(List.of(
                "",
                "Keyring:",
                "--------------------------------------------------",
                "Active generation : 12",
                "Root epoch        : 1",
                "Rotation          : resealing (1200 records re-sealed so far)",
                "Encryptions       : 3400 of 4294967296 by the active storage key",
                "Last rotation     : 2026-11-23 19:41:52 UTC",
                "Next rotation     : 2026-12-23 19:41:52 UTC",
                "Last rekey        : never",
                "--------------------------------------------------",
                "",
                "Generations:",
                "  GENERATION  PURPOSE  STATE         CREATED",
                "  1           storage  retired       2026-11-01 08:00:00 UTC  (legacy: the root key from before keyrings)",
                "  1           cipher   decrypt-only  2026-11-01 08:00:00 UTC  (legacy: the root key from before keyrings)",
                "  11          storage  decrypt-only  2026-11-20 09:12:03 UTC",
                "  12          storage  active        2026-11-23 19:41:52 UTC",
                "  12          cipher   active        2026-11-23 19:41:52 UTC"),
                UTC.keyring(state("resealing", 1200, 0, 0, "")));
    }

    @Test
    void aQuietKeyringSaysWhatNeverHappened() {
        KeysResponse quiet = new KeysResponse(1, 0, "idle", 0, 0, 0, 5, 0, "", "", "", false, "",
                List.of(new Generation(1, "storage", "active", "", false)), "");
        List<String> lines = UTC.keyring(quiet);
        assertTrue(lines.contains("Rotation          : idle"), lines::toString);
        assertTrue(lines.contains("Encryptions       : 5 by the active storage key"), lines::toString);
        assertTrue(lines.contains("Last rotation     : never"), lines::toString);
        assertTrue(lines.contains("Next rotation     : not scheduled"), lines::toString);
        assertTrue(lines.contains("  1           storage  active  -"), lines::toString);
    }

    @Test
    void aFailedRotationShowsItsErrorAndThatTheOldKeysAreKept() {
        List<String> lines = UTC.keyring(state("failed", 1200, 1190, 10, "10 records could not be opened"));
        assertTrue(lines.contains("Rotation          : failed (1200 records re-sealed, 1190 verified, "
                + "10 could not be opened; the old keys are kept)"), lines::toString);
        assertTrue(lines.contains("Last error        : 10 records could not be opened"), lines::toString);
    }

    @Test
    void progressLinesNameThePhaseAndItsCount() {
        assertEquals("resealing: 1200 records re-sealed", KeyringText.progress(state("resealing", 1200, 0, 0, "")));
        assertEquals("verifying: 800 records verified", KeyringText.progress(state("verifying", 1200, 800, 0, "")));
        assertEquals("verifying: 800 records verified, 2 could not be opened",
                KeyringText.progress(state("verifying", 1200, 800, 2, "")));
        assertEquals("someday", KeyringText.progress(state("someday", 0, 0, 0, "")));
    }

    @Test
    void rotateSaysWhetherItRunsOrIsDone() {
        assertEquals("Key rotation under way: generation 12 seals new records; older records are being re-sealed "
                + "under it in the background.", KeyringText.rotationStarted(state("resealing", 0, 0, 0, "")));
        assertEquals("Key rotation done: generation 12 is active; 1200 records re-sealed and 1200 verified.",
                KeyringText.rotationStarted(state("idle", 1200, 1200, 0, "")));
    }

    @Test
    void aFailureIsOneLineWithNexussReason() {
        assertEquals("key rotation failed: disk full; the old keys are kept",
                KeyringText.failure(state("failed", 0, 0, 0, "disk full; the old keys are kept")));
        assertEquals("key rotation failed: Nexus gave no reason", KeyringText.failure(state("failed", 0, 0, 0, "")));
    }

    @Test
    void aTimeThatDoesNotParseIsShownAsSent() {
        assertEquals("yesterday", new HumanTime(ZoneId.of("UTC")).of("yesterday", "never"));
        assertEquals("2026-11-23 20:41:52 CET",
                new HumanTime(ZoneId.of("Europe/Berlin")).of("2026-11-23T19:41:52Z", "never"));
    }
}
