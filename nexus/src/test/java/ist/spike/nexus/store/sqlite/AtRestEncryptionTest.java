package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.nexus.secret.SecretService;
import ist.spike.nexus.testing.Files2;
import ist.spike.nexus.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the raw database files: no secret value, key name or policy document may appear in them. */
class AtRestEncryptionTest {
    static final List<String> SECRETS = List.of(
            "db-password-key-name-7f3c", "Sup3r-S3cret-Value-e2b9", "api-token-key-name-55aa",
            "tok_live_abcdefghijklmnop", "ключ-имя-unicode", "значение-секрет-unicode", "policy-body-marker-9c1d");

    @TempDir
    Path dir;

    void writeKnownSecrets(SealedBackend store) {
        SecretService secrets = new SecretService(store, Clock.systemUTC(), 10);
        for (int i = 0; i < 3; i++) {
            secrets.put("team/alpha", Map.of(SECRETS.get(0), SECRETS.get(1) + i, SECRETS.get(2), SECRETS.get(3)));
        }
        secrets.put("team/beta", Map.of(SECRETS.get(4), SECRETS.get(5)));
        store.write(tx -> {
            tx.putPolicy("ops", ("{\"pattern\":\"" + SECRETS.get(6) + "\"}").getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    void assertNoPlaintext(Path file) {
        for (String s : SECRETS) {
            assertFalse(Files2.contains(file, s), file.getFileName() + " contains plaintext '" + s + "'");
        }
    }

    @Test
    void neitherTheDatabaseNorItsWriteAheadLogHoldsPlaintext() {
        Path db = dir.resolve("spike.db");
        Path wal = dir.resolve("spike.db-wal");
        try (SealedBackend store = TestStores.sqlite(SqliteStoreOptions.defaults(dir), TestKeys.fixed(1))) {
            writeKnownSecrets(store);
            assertTrue(Files.exists(wal));
            // Sanity: the files really hold the data (paths are plaintext lookup keys).
            assertTrue(Files2.contains(db, "team/alpha") || Files2.contains(wal, "team/alpha"));
            assertNoPlaintext(db);
            assertNoPlaintext(wal);
        }
        assertTrue(Files2.contains(db, "team/alpha"), "after close the WAL is checkpointed into the database");
        assertNoPlaintext(db);
    }
}
