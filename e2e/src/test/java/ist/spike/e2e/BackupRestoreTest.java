package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.client.SpikeClient;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Roles;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * `spike operator backup` under write load, then a restore as the docs describe it (stop Nexus, put the
 * file in place, start): every write acknowledged before the backup began is served again.
 */
class BackupRestoreTest {
    @Test
    void backupUnderLoadRestoresEveryEarlierAcknowledgedWrite() throws Exception {
        try (LocalStack stack = new LocalStack(3)) {
            stack.startIdentity().startKeepers();
            stack.startNexus();
            stack.awaitNexusReady(LocalStack.READY_LIMIT);
            Map<String, Long> ackedAt = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            Path backup = stack.root.resolve("spike-backup.db");
            long backupStarted;
            try (SpikeClient client = superuser(stack); var writers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < 4; w++) {
                    int writer = w;
                    writers.submit(() -> {
                        for (int n = 0; !stop.get(); n++) {
                            String path = "load/w" + writer + "/n" + n;
                            client.putSecret(path, Map.of("n", Integer.toString(n)));
                            ackedAt.put(path, System.nanoTime());
                        }
                        return null;
                    });
                }
                while (ackedAt.size() < 100) {
                    Thread.sleep(50);
                }
                backupStarted = System.nanoTime();
                Processes.Result r = stack.spike("superuser", "operator", "backup", "-o", backup.toString());
                assertEquals(0, r.exitCode(), r::toString);
                Thread.sleep(500);
                stop.set(true);
            }
            long before = ackedAt.values().stream().filter(t -> t < backupStarted).count();
            System.out.println("[e2e] backup taken with " + before + " of " + ackedAt.size()
                    + " acknowledged writes before it began");
            assertTrue(before > 20, "too few writes before the backup: " + before);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));

            Processes.Result verify = stack.spike("superuser", "operator", "backup", "verify", backup.toString());
            assertEquals(0, verify.exitCode(), verify::toString);
            assertTrue(verify.stdout().startsWith("OK: "), verify::toString);
            // A download cut short is never saved as a backup: no file, no partial file, a non-zero exit.
            Path cut = stack.root.resolve("cut-backup.db");
            try (CuttingProxy proxy = new CuttingProxy(stack.nexusPort, Files.size(backup) / 2)) {
                Processes.Result r = stack.spikeWithEnv("superuser",
                        Map.of("SPIKE_NEXUS_API_URL", "https://localhost:" + proxy.port()), null,
                        "operator", "backup", "-o", cut.toString());
                assertTrue(r.exitCode() != 0, r::toString);
                assertFalse(Files.exists(cut), "a cut download was saved");
                assertFalse(Files.exists(stack.root.resolve("cut-backup.db.partial")), "the partial file was left");
            }
            // Ciphertext only: no value written above appears in the file.
            String raw = new String(Files.readAllBytes(backup), StandardCharsets.ISO_8859_1);
            assertFalse(raw.contains("\"n\""), "a key name is visible in the backup");

            // Restore: stop Nexus, put the file in place as spike.db (0600), start it again.
            stack.kill9("nexus");
            try (var files = Files.list(stack.dataDir)) {
                for (Path f : files.toList()) {
                    if (f.getFileName().toString().startsWith("spike.db")) {
                        Files.delete(f);
                    }
                }
            }
            Files.copy(backup, stack.dataDir.resolve("spike.db"), StandardCopyOption.COPY_ATTRIBUTES);
            stack.startNexus();
            stack.awaitNexusReady(LocalStack.READY_LIMIT);
            try (SpikeClient client = superuser(stack)) {
                for (var entry : ackedAt.entrySet()) {
                    if (entry.getValue() < backupStarted) {
                        String n = entry.getKey().substring(entry.getKey().lastIndexOf('n') + 1);
                        assertEquals(Map.of("n", n), client.getSecret(entry.getKey()), entry.getKey());
                    }
                }
            }
        }
    }

    @Test
    void verifyRejectsAFileThatIsNotABackup() throws Exception {
        Path junk = Files.createTempFile("not-a-backup", ".db");
        try (LocalStack stack = new LocalStack(0)) {
            Files.writeString(junk, "this is not sqlite");
            Processes.Result r = stack.spike("superuser", "operator", "backup", "verify", junk.toString());
            assertEquals(2, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains("is not a readable SPIKE backup"), r::toString);
        } finally {
            Files.deleteIfExists(junk);
        }
    }

    private static SpikeClient superuser(LocalStack stack) {
        return SpikeClient.connect(IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", stack.socket("superuser"))),
                URI.create("https://localhost:" + stack.nexusPort), Roles.defaults());
    }
}
