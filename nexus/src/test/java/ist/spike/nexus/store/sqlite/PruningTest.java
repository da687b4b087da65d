package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ist.spike.nexus.secret.SecretNotFoundException;
import ist.spike.nexus.secret.SecretService;
import ist.spike.nexus.secret.SecretVersionInfo;
import ist.spike.nexus.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream's pruning only forgot versions in memory and they came back on reload; here the rows go. */
class PruningTest {
    @TempDir
    Path dir;

    long count(String where) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("spike.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM secret_values WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    byte[] sealed(int version) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("spike.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT sealed_values FROM secret_values WHERE path = 'app/db' AND version = " + version)) {
            rs.next();
            return rs.getBytes(1);
        }
    }

    @Test
    void prunedVersionsAreDeletedFromTheDatabaseAndStayDeleted() throws Exception {
        try (SealedBackend store = TestStores.sqlite(SqliteStoreOptions.defaults(dir), TestKeys.fixed(1))) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 3);
            secrets.put("app/db", Map.of("pw", "v1"));
            secrets.put("other", Map.of("pw", "x"));
        }
        byte[] firstCiphertext = sealed(1);
        try (SealedBackend store = TestStores.sqlite(SqliteStoreOptions.defaults(dir), TestKeys.fixed(1))) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 3);
            for (int i = 2; i <= 10; i++) {
                secrets.put("app/db", Map.of("pw", "v" + i));
            }
        }
        assertEquals(3, count("path = 'app/db'"));
        assertEquals(0, count("path = 'app/db' AND version < 8"));
        assertEquals(1, count("path = 'other'"));

        String fileHex = HexFormat.of().formatHex(Files.readAllBytes(dir.resolve("spike.db")));
        assertFalse(fileHex.contains(HexFormat.of().formatHex(firstCiphertext)),
                "secure_delete: the pruned ciphertext is overwritten, not left in a free page");

        try (SealedBackend store = TestStores.sqlite(SqliteStoreOptions.defaults(dir), TestKeys.fixed(1))) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 3);
            assertThrows(SecretNotFoundException.class, () -> secrets.get("app/db", 1));
            assertEquals(List.of(8, 9, 10),
                    secrets.metadata("app/db", 0).versions().stream().map(SecretVersionInfo::version).toList());
            assertEquals(8, secrets.metadata("app/db", 0).oldestVersion());
            assertEquals(Map.of("pw", "v10"), secrets.get("app/db", 0));
        }
    }
}
