package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        }
    }
}
