package ist.spike.nexus.store.sealed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.validate.Permission;
import ist.spike.nexus.config.KeyRotationSettings;
import ist.spike.nexus.keyring.KeyPurpose;
import ist.spike.nexus.keyring.KeyState;
import ist.spike.nexus.policy.PolicyService;
import ist.spike.nexus.secret.SecretService;
import ist.spike.nexus.store.sqlite.SqliteStore;
import ist.spike.nexus.store.sqlite.SqliteStoreOptions;
import ist.spike.nexus.testing.Rotations;
import ist.spike.nexus.testing.TestKeys;
import ist.spike.nexus.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-key rotation over a real SQLite file while writers and readers keep going: every record ends under
 * the new generation (checked with the sqlite3 shell), the old storage key is retired only after that,
 * a record that does not open fails the rotation and keeps the old key, and the encryption limit starts a
 * rotation by itself.
 */
class KeyRotationTest {
    @TempDir
    Path dir;

    @Test
    void everyRecordMovesToTheNewGenerationWhileRequestsGoOn() throws Exception {
        try (SealedBackend store = TestStores.sqlite(dir, TestKeys.fixed(1))) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 3);
            for (int i = 0; i < 300; i++) {
                secrets.put("s/" + i, Map.of("v", "0-" + i));
            }
            PolicyService policies = new PolicyService(store, Clock.systemUTC());
            policies.load();
            policies.put("p", "^spiffe://example\\.org/a$", "^s/", List.of(Permission.READ));
            Map<String, String> written = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
                    KeyRotation rotation = new KeyRotation(store, Clock.systemUTC(), Rotations.settings())) {
                List<Future<?>> load = new java.util.ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    int writer = w;
                    load.add(pool.submit(() -> {
                        for (int n = 0; !stop.get(); n++) {
                            String path = "s/" + ((writer * 7919 + n) % 300);
                            String value = writer + "-" + n;
                            secrets.put(path, Map.of("v", value));
                            written.put(path, value);
                            secrets.get("s/" + (n % 300), 0);
                        }
                        return null;
                    }));
                }
                rotation.rotate();
                var done = Rotations.awaitDone(rotation);
                stop.set(true);
                for (Future<?> f : load) {
                    f.get();
                }
                assertTrue(done.resealed() > 0);
                assertEquals(0, done.failedRecords());
            }
            written.forEach((path, value) -> assertEquals(Map.of("v", value), secrets.get(path, 0), path));
            var keyring = store.keyring().keyring();
            assertEquals(2, keyring.active(KeyPurpose.STORAGE).generation());
            assertEquals(KeyState.RETIRED, keyring.keys().stream()
                    .filter(k -> k.purpose() == KeyPurpose.STORAGE && k.generation() == 1).findFirst().orElseThrow()
                    .state());
        }
        assertEquals("0", sqlite3("SELECT count(*) FROM (SELECT key_gen FROM secret_index UNION ALL "
                + "SELECT key_gen FROM secret_values UNION ALL SELECT key_gen FROM policy_documents UNION ALL "
                + "SELECT key_gen FROM sealed_state) WHERE key_gen <> 2;"));
        try (SealedBackend reopened = TestStores.sqlite(dir, TestKeys.fixed(1))) {
            assertEquals(Map.of("v", "0-299").size(), new SecretService(reopened, Clock.systemUTC(), 3)
                    .get("s/299", 0).size());
        }
    }

    @Test
    void aBackupTakenDuringARotationOpensWithEveryRecord() throws Exception {
        Path backup = dir.resolveSibling(dir.getFileName() + "-backup");
        Files.createDirectories(backup);
        try (SealedBackend store = TestStores.sqlite(dir, TestKeys.fixed(1));
                KeyRotation rotation = new KeyRotation(store, Clock.systemUTC(),
                        new KeyRotationSettings(Duration.ZERO, KeyRotationSettings.NIST_LIMIT_WITH_MARGIN, 1))) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 10);
            for (int i = 0; i < 400; i++) {
                secrets.put("s/" + i, Map.of("v", Integer.toString(i)));
            }
            rotation.rotate();
            while (rotation.status().resealed() < 100) {
                Thread.sleep(1);
            }
            TestStores.sqliteOf(store).backupTo(backup.resolve("spike.db"));
            assertEquals(KeyRotation.Phase.RESEALING, rotation.status().phase(), "the backup was taken mid-rotation");
            Rotations.awaitDone(rotation);
        }
        try (SealedBackend copy = TestStores.sqlite(backup, TestKeys.fixed(1))) {
            SecretService secrets = new SecretService(copy, Clock.systemUTC(), 10);
            for (int i = 0; i < 400; i++) {
                assertEquals(Map.of("v", Integer.toString(i)), secrets.get("s/" + i, 0));
            }
            assertTrue(copy.keyring().keyring().rotationPending(), "its keyring still holds both generations");
        }
    }

    @Test
    void aRecordThatDoesNotOpenFailsTheRotationAndTheOldKeyIsKept() throws Exception {
        try (SealedBackend store = TestStores.sqlite(dir, TestKeys.fixed(1))) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 10);
            secrets.put("good", Map.of("v", "1"));
            secrets.put("bad", Map.of("v", "1"));
        }
        sqlite3("UPDATE secret_values SET sealed_values = CAST(substr(sealed_values, 1, 14) || "
                + "CASE WHEN substr(sealed_values, 15, 1) = x'00' THEN x'01' ELSE x'00' END || "
                + "substr(sealed_values, 16) AS BLOB) WHERE path = 'bad';");
        try (SealedBackend store = TestStores.sqlite(dir, TestKeys.fixed(1));
                KeyRotation rotation = new KeyRotation(store, Clock.systemUTC(), Rotations.settings())) {
            rotation.rotate();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (rotation.status().phase() != KeyRotation.Phase.FAILED && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            var status = rotation.status();
            assertEquals(KeyRotation.Phase.FAILED, status.phase());
            assertEquals(1, status.failedRecords());
            assertTrue(status.keyring().usable(KeyPurpose.STORAGE, 1).isPresent(), "the old key is kept");
            assertEquals(Map.of("v", "1"), new SecretService(store, Clock.systemUTC(), 10).get("good", 0));
        }
    }

    @Test
    void reachingTheEncryptionLimitStartsARotation() throws Exception {
        KeyRotationSettings tight = new KeyRotationSettings(Duration.ZERO, 40, 10);
        try (SealedBackend store = SealedBackend.open(SqliteStore.storage(SqliteStoreOptions.defaults(dir)),
                TestKeys.fixed(1), Clock.systemUTC(), tight.maxEncryptions());
                KeyRotation rotation = new KeyRotation(store, Clock.systemUTC(), tight)) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 10);
            for (int i = 0; i < 30; i++) {
                secrets.put("s/" + i, Map.of("v", "x")); // two encryptions each: values and index
            }
            Rotations.awaitDone(rotation);
            assertTrue(store.keyring().keyring().active(KeyPurpose.STORAGE).generation() >= 2);
        }
    }

    private String sqlite3(String script) throws Exception {
        Process p = new ProcessBuilder("sqlite3", dir.resolve("spike.db").toString(), script)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        return output.strip();
    }
}
