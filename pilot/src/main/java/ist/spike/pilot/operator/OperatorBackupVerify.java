package ist.spike.pilot.operator;

import ist.spike.pilot.command.CommandFailedException;
import ist.spike.pilot.command.UsageException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a backup file offline: SQLite integrity, a known schema and a keyring (or, before schema 3, a key-check record).",
                "Needs no key and no Nexus; it cannot tell which root key the backup needs."})
final class OperatorBackupVerify implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + " is not a file");
        }
        // immutable=1: read the file as it is, create no -wal/-shm beside it, never write.
        String url = "jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro&immutable=1";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            String integrity = single(s, "PRAGMA integrity_check");
            if (!"ok".equals(integrity)) {
                throw new CommandFailedException("backup is damaged: " + integrity);
            }
            int schema = Integer.parseInt(single(s, "SELECT coalesce(max(version), 0) FROM schema_version"));
            // Schema 1 (before keyrings) kept a key-check row; schema 3 on keeps the keyring sealed under the root key.
            boolean keyring = schema >= 3;
            int keyChecks = Integer.parseInt(single(s, keyring ? "SELECT count(*) FROM keyring" : "SELECT count(*) FROM key_check"));
            if (keyChecks == 0) {
                throw new CommandFailedException("backup has no " + (keyring ? "keyring" : "key-check record")
                        + ": it was never initialised with a root key");
            }
            String secrets = single(s, keyring ? "SELECT count(*) FROM secret_index" : "SELECT count(*) FROM secret_metadata");
            String versions = single(s, keyring ? "SELECT count(*) FROM secret_values" : "SELECT count(*) FROM secret_versions");
            String policies = single(s, keyring ? "SELECT count(*) FROM policy_documents" : "SELECT count(*) FROM policies");
            PrintWriter out = spec.commandLine().getOut();
            out.println("OK: " + file + " passes the SQLite integrity check");
            out.println("  schema version " + schema + ", " + (keyring ? "keyring" : "key-check record") + " present");
            out.println("  " + secrets + " secrets (" + versions + " versions), " + policies + " policies");
            return 0;
        } catch (SQLException | NumberFormatException e) {
            throw new CommandFailedException(file + " is not a readable SPIKE backup (" + e.getMessage() + ")");
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no result for " + sql);
            }
            return rs.getString(1);
        }
    }
}
