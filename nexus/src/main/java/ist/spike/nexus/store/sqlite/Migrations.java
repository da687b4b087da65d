package ist.spike.nexus.store.sqlite;

import java.util.List;

/**
 * Every schema migration, in order. Append new steps; never edit a released one, since databases in
 * the field have already run it.
 *
 * <p>Secret values, their key names and policy documents are only ever stored sealed ({@code sealed_*}
 * BLOBs, see {@link RowCipher}); paths, policy names, version numbers and times are plaintext because
 * they are lookup keys or bookkeeping. Times are nanoseconds since the epoch.
 */
final class Migrations {
    private Migrations() {}

    static final List<Migration> ALL = List.of(
            new Migration(1, "key check, secrets, policies", List.of(
                    """
                    CREATE TABLE key_check (
                        key_gen      INTEGER PRIMARY KEY,
                        sealed_value BLOB    NOT NULL,
                        created_time INTEGER NOT NULL
                    ) STRICT""",
                    """
                    CREATE TABLE secret_metadata (
                        path            TEXT    PRIMARY KEY,
                        current_version INTEGER NOT NULL,
                        oldest_version  INTEGER NOT NULL,
                        created_time    INTEGER NOT NULL,
                        updated_time    INTEGER NOT NULL,
                        max_versions    INTEGER NOT NULL
                    ) STRICT""",
                    """
                    CREATE TABLE secret_versions (
                        path          TEXT    NOT NULL REFERENCES secret_metadata(path) ON DELETE CASCADE,
                        version       INTEGER NOT NULL,
                        key_gen       INTEGER NOT NULL,
                        sealed_values BLOB    NOT NULL,
                        created_time  INTEGER NOT NULL,
                        deleted_time  INTEGER,
                        PRIMARY KEY (path, version)
                    ) STRICT""",
                    """
                    CREATE TABLE policies (
                        name            TEXT    PRIMARY KEY,
                        key_gen         INTEGER NOT NULL,
                        sealed_document BLOB    NOT NULL
                    ) STRICT""")));

    /** The schema version this code writes. */
    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }
}
