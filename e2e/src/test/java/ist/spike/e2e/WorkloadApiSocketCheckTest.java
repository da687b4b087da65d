package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A keeper refuses a Workload API socket in a directory any user could write to (where another user could
 * put a socket of their own and hand out identities), and starts when the operator turns the check off.
 */
class WorkloadApiSocketCheckTest {
    @Test
    void aSocketInAWorldWritableDirectoryIsRefused() throws Exception {
        try (LocalStack stack = new LocalStack(1)) {
            stack.startIdentity();
            Files.setPosixFilePermissions(stack.identityDir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Map<String, String> env = Map.of("SPIFFE_ENDPOINT_SOCKET", stack.socket("keeper"),
                    "SPIKE_KEEPER_TLS_PORT", ":" + stack.keeperPorts[0]);

            Process refused = Processes.start(stack.log("refused"), env, "keeper");
            assertTrue(refused.waitFor(120, TimeUnit.SECONDS), "the keeper did not stop");
            assertEquals(1, refused.exitValue());
            String log = Files.readString(stack.log("refused"));
            assertTrue(log.contains("refusing the Workload API socket " + stack.identityDir.resolve("keeper.sock")
                    + ": directory " + stack.identityDir + " (owner "), log);
            assertTrue(log.contains("is writable by every user and not sticky"), log);

            Map<String, String> unchecked = new java.util.HashMap<>(env);
            unchecked.put("SPIKE_SPIFFE_SOCKET_CHECK", "false");
            unchecked.put("SPIKE_SYSTEM_LOG_LEVEL", "INFO");
            Process started = Processes.start(stack.log("unchecked"), unchecked, "keeper");
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.readString(stack.log("unchecked")).contains("SPIKE_SPIFFE_SOCKET_CHECK=false")
                        && System.nanoTime() < deadline) {
                    assertTrue(started.isAlive(), () -> stack.logTail("unchecked"));
                    Thread.sleep(100);
                }
                assertTrue(Files.readString(stack.log("unchecked")).contains("SPIKE_SPIFFE_SOCKET_CHECK=false"));
                Thread.sleep(1000);
                assertTrue(started.isAlive(), () -> stack.logTail("unchecked"));
            } finally {
                Processes.stop(started);
            }
        }
    }
}
