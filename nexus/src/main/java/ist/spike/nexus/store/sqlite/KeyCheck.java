package ist.spike.nexus.store.sqlite;

import ist.spike.common.crypto.ConstantTime;
import ist.spike.nexus.store.StoreIntegrityException;
import ist.spike.nexus.store.WrongRootKeyException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The key-check record: a known constant sealed under the root key when the database is initialised.
 * Opening it again with another key fails authentication, so a wrong key (a bad shard, the wrong
 * keepers) is refused before it can write anything; upstream SPIKE cannot tell.
 */
final class KeyCheck {
    private static final byte[] EXPECTED = "SPIKE for Java key-check v1".getBytes(StandardCharsets.US_ASCII);

    /** One stored key-check row. */
    record Row(int keyGeneration, byte[] sealed) {}

    private KeyCheck() {}

    /** The key-check rows, none if the table does not exist yet. */
    static List<Row> load(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'key_check'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return rows;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT key_gen, sealed_value FROM key_check ORDER BY key_gen")) {
                while (rs.next()) {
                    rows.add(new Row(rs.getInt(1), rs.getBytes(2)));
                }
            }
        }
        return rows;
    }

    /** Throws {@link WrongRootKeyException} unless {@code cipher} opens the row of its generation. */
    static void verify(RowCipher cipher, List<Row> rows) {
        Row mine = rows.stream().filter(r -> r.keyGeneration() == cipher.generation()).findFirst()
                .orElseThrow(WrongRootKeyException::new);
        byte[] plaintext;
        try {
            plaintext = cipher.open(mine.keyGeneration(), mine.sealed(), RowPlace.keyCheck());
        } catch (StoreIntegrityException e) {
            throw new WrongRootKeyException();
        }
        if (!ConstantTime.equals(plaintext, EXPECTED)) {
            throw new WrongRootKeyException();
        }
    }

    static void insert(Connection connection, RowCipher cipher) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO key_check (key_gen, sealed_value, created_time) VALUES (?, ?, ?)")) {
            p.setInt(1, cipher.generation());
            p.setBytes(2, cipher.seal(EXPECTED, RowPlace.keyCheck()));
            p.setLong(3, EpochNanos.of(Instant.now()));
            p.executeUpdate();
        }
    }
}
