package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ist.spike.nexus.secret.SecretService;
import ist.spike.nexus.store.StoreIntegrityException;
import ist.spike.nexus.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker with write access to the file moves or alters ciphertext with plain SQL. Reads must fail
 * with an integrity error, never return another row's data.
 */
class TamperTest {
    @TempDir
    Path dir;

    @BeforeEach
    void seed() {
        try (SealedBackend store = open()) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 10);
            secrets.put("alice", Map.of("password", "alice-secret"));
            secrets.put("bob", Map.of("password", "bob-secret"));
            secrets.put("bob", Map.of("password", "bob-secret-2"));
            store.write(tx -> {
                tx.putPolicy("readers", "readers-doc".getBytes(StandardCharsets.UTF_8));
                tx.putPolicy("writers", "writers-doc".getBytes(StandardCharsets.UTF_8));
                return null;
            });
        }
    }

    SealedBackend open() {
        return TestStores.sqlite(dir, TestKeys.fixed(1));
    }

    void sql(String statement, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("spike.db"));
                PreparedStatement p = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            p.executeUpdate();
        }
    }

    byte[] blob(String path, int version) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("spike.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT sealed_values FROM secret_values WHERE path = '" + path
                        + "' AND version = " + version)) {
            rs.next();
            return rs.getBytes(1);
        }
    }

    byte[] policyBlob(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("spike.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT sealed_document FROM policy_documents WHERE name = '" + name + "'")) {
            rs.next();
            return rs.getBytes(1);
        }
    }

    void swapValues(String pathA, int versionA, String pathB, int versionB) throws SQLException {
        byte[] a = blob(pathA, versionA);
        byte[] b = blob(pathB, versionB);
        sql("UPDATE secret_values SET sealed_values = ? WHERE path = ? AND version = ?", b, pathA, versionA);
        sql("UPDATE secret_values SET sealed_values = ? WHERE path = ? AND version = ?", a, pathB, versionB);
    }

    void assertIntegrityFailure(String path, int version) {
        try (SealedBackend store = open()) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 10);
            assertThrows(StoreIntegrityException.class, () -> secrets.get(path, version));
        }
    }

    @Test
    void ciphertextSwappedBetweenPathsDoesNotOpen() throws Exception {
        swapValues("alice", 1, "bob", 1);
        assertIntegrityFailure("alice", 1);
        assertIntegrityFailure("bob", 1);
        try (SealedBackend store = open()) { // untouched rows still read fine
            assertEquals(Map.of("password", "bob-secret-2"),
                    new SecretService(store, Clock.systemUTC(), 10).get("bob", 2));
        }
    }

    @Test
    void ciphertextSwappedBetweenVersionsDoesNotOpen() throws Exception {
        swapValues("bob", 1, "bob", 2);
        assertIntegrityFailure("bob", 1);
        assertIntegrityFailure("bob", 2);
    }

    @Test
    void ciphertextSwappedUsingTheSqliteCliDoesNotOpen() throws Exception {
        // Copy both blobs aside first: an UPDATE's subqueries see the rows it already changed.
        Process p = new ProcessBuilder("/usr/bin/sqlite3", dir.resolve("spike.db").toString(), """
                CREATE TEMP TABLE saved AS
                  SELECT path, sealed_values FROM secret_values WHERE version = 1 AND path IN ('alice', 'bob');
                UPDATE secret_values SET sealed_values =
                  (SELECT saved.sealed_values FROM saved WHERE saved.path <> secret_values.path)
                WHERE version = 1 AND path IN ('alice', 'bob');""").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertIntegrityFailure("alice", 1);
        assertIntegrityFailure("bob", 1);
    }

    @Test
    void aRowMovedToAnotherPathDoesNotOpen() throws Exception {
        sql("UPDATE secret_values SET path = 'alice' , version = 2 WHERE path = 'bob' AND version = 2");
        assertIntegrityFailure("alice", 2);
    }

    @Test
    void aFlippedBitDoesNotOpen() throws Exception {
        byte[] b = blob("alice", 1);
        b[b.length - 1] ^= 1;
        sql("UPDATE secret_values SET sealed_values = ? WHERE path = 'alice' AND version = 1", b);
        assertIntegrityFailure("alice", 1);
    }

    @Test
    void aChangedKeyGenerationDoesNotOpen() throws Exception {
        sql("UPDATE secret_values SET key_gen = 2 WHERE path = 'alice'");
        assertIntegrityFailure("alice", 1);
    }

    @Test
    void policyDocumentsSwappedBetweenNamesDoNotOpen() throws Exception {
        byte[] readers = policyBlob("readers");
        byte[] writers = policyBlob("writers");
        sql("UPDATE policy_documents SET sealed_document = ? WHERE name = 'readers'", writers);
        sql("UPDATE policy_documents SET sealed_document = ? WHERE name = 'writers'", readers);
        try (SealedBackend store = open()) {
            assertThrows(StoreIntegrityException.class, () -> store.read(tx -> tx.policy("readers")));
            assertThrows(StoreIntegrityException.class, () -> store.read(tx -> tx.policy("writers")));
            assertThrows(StoreIntegrityException.class, () -> store.read(tx -> tx.policies()));
        }
    }
}
