package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.shamir.Shamir;
import ist.spike.common.shamir.Share;
import ist.spike.common.shamir.ShareFormat;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Nexus with SPIKE_NEXUS_BACKEND_STORE=lite: the cipher service only, keyed by the keepers' root key. */
class LiteNexusTest {
    @Test
    void liteServesTheCipherAndNothingElse() throws Exception {
        try (LocalStack stack = new LocalStack(2)) {
            stack.nexusEnv("SPIKE_NEXUS_BACKEND_STORE", "lite");
            stack.startIdentity().startKeepers();
            stack.startNexus();
            Path sealed = stack.root.resolve("lite.enc");
            Processes.Result encrypted = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                encrypted = stack.spikeWithInput("lite", "only the cipher", "cipher", "encrypt", "-o", sealed.toString());
                if (encrypted.exitCode() == 0) {
                    break;
                }
                Thread.sleep(300);
            }
            assertEquals(0, encrypted.exitCode(), () -> "lite Nexus never encrypted: " + stack.logTail("nexus"));
            Processes.Result decrypted = stack.spike("superuser", "cipher", "decrypt", "-f", sealed.toString());
            assertEquals("only the cipher", decrypted.stdout(), decrypted::toString);
            Processes.Result secrets = stack.spike("superuser", "secret", "list");
            assertEquals(2, secrets.exitCode());
            assertEquals("Error: Invalid request: SPIKE Nexus rejected the input.\n", secrets.stderr());
            assertEquals(2, stack.spike("superuser", "policy", "list").exitCode());
            assertEquals(0, stack.spike("recover", "operator", "recover").exitCode());
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(stack.dataDir.resolve("lite.keycheck"))));

            // Nexus and every keeper lose their memory together. The key-check in the data directory keeps
            // lite from making a second key (which could never decrypt the blob above).
            stack.kill9("nexus");
            for (int i = 1; i <= 2; i++) {
                stack.kill9("keeper-" + i);
                stack.startKeeper(i);
            }
            stack.startNexus();
            Processes.Result sealedAnswer = encryptUntilAnswered(stack);
            Thread.sleep(3_000); // several recovery rounds in which every keeper answers "none"
            sealedAnswer = stack.spikeWithInput("lite", "x", "cipher", "encrypt");
            assertEquals(2, sealedAnswer.exitCode(), sealedAnswer::toString);
            assertTrue(sealedAnswer.stderr().contains("not ready"), sealedAnswer::toString);

            // A restore that rebuilds another key is refused; the operator's recovery files bring it back.
            SecretBytes otherKey = Shamir.newRootKey();
            for (Share foreign : Shamir.split(otherKey, 2, 2)) {
                stack.spikeWithInput("restore", ShareFormat.format(foreign), "operator", "restore");
            }
            assertEquals(2, stack.spikeWithInput("lite", "x", "cipher", "encrypt").exitCode(), "still sealed");
            for (int id = 1; id <= 2; id++) {
                Processes.Result restored = stack.spikeWithInput("restore",
                        Files.readString(stack.root.resolve("recover/spike.recovery." + id + ".txt")),
                        "operator", "restore");
                assertEquals(0, restored.exitCode(), restored::toString);
            }
            Processes.Result again = stack.spike("superuser", "cipher", "decrypt", "-f", sealed.toString());
            assertEquals("only the cipher", again.stdout(), again::toString);
        }
    }

    /** Retries until Nexus answers at all (it is starting), and returns that answer. */
    private static Processes.Result encryptUntilAnswered(LocalStack stack) throws Exception {
        Processes.Result r = null;
        for (int i = 0; i < 120; i++) {
            r = stack.spikeWithInput("lite", "x", "cipher", "encrypt");
            if (!r.stderr().contains("Failed to connect")) {
                return r;
            }
            Thread.sleep(500);
        }
        return r;
    }
}
