package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.StoreIntegrityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects a database's schema holds (tables, indexes, triggers, views, with their SQL), compared
 * with what this release's migrations create. Anything else (a planted trigger, a view, an index, an
 * altered table) means the file was edited outside Nexus, and the store is refused before any of it
 * can run.
 */
final class SchemaShape {
    private static final Map<Integer, List<String>> EXPECTED = new ConcurrentHashMap<>();

    private SchemaShape() {}

    /** Throws {@link StoreIntegrityException} naming the first difference from schema {@code version}. */
    static void require(Connection c, int version, String file) throws SQLException {
        List<String> actual = of(c);
        List<String> expected = expected(version);
        if (actual.equals(expected)) {
            return;
        }
        List<String> extra = new ArrayList<>(actual);
        extra.removeAll(expected);
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        String what = !extra.isEmpty() ? "an object this release never creates: " + name(extra.get(0))
                : "a changed or missing object: " + name(missing.get(0));
        throw new StoreIntegrityException(file + " is not a schema-" + version + " store as this release writes it; "
                + "it holds " + what + ". Refusing to open it (restore a backup or remove the object after review)");
    }

    private static String name(String entry) {
        String[] parts = entry.split("\u0000", 3);
        return parts[0] + " '" + parts[1] + "'";
    }

    /** One entry per schema object: type, name, table and SQL. */
    static List<String> of(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "\u0000" + rs.getString(2) + "\u0000" + rs.getString(3) + "\u0000"
                        + Objects.toString(rs.getString(4), ""));
            }
        }
        return out;
    }

    private static List<String> expected(int version) {
        return EXPECTED.computeIfAbsent(version, v -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
                if (v > 0) {
                    SchemaMigrator.migrate(c, Migrations.ALL, v);
                }
                return List.copyOf(of(c));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot build the expected schema " + v, e);
            }
        });
    }
}
