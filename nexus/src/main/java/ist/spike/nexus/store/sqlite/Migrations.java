package ist.spike.nexus.store.sqlite;

import java.util.List;

/**
 * Every schema migration, in order. Append new steps; never edit a released one, since databases in
 * the field have already run it.
 *
 * <p>Schema 1 sealed values and documents under the root key and kept versions, times and the current
 * version in plaintext columns. Schema 2 adds the keyring and sealed-record tables and copies schema 1's
 * sealed rows into them; the sealing layer then seals schema 1's bookkeeping (it needs the key), and
 * schema 3 drops schema 1's tables. A new store runs all three at once. From schema 3 on, the only
 * plaintext is what storage looks records up by: paths, policy names, version numbers, key generations.
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
                    ) STRICT""")),
            new Migration(2, "keyring and sealed records", List.of(
                    """
                    CREATE TABLE keyring (
                        root_epoch     INTEGER PRIMARY KEY,
                        sealed_keyring BLOB    NOT NULL
                    ) STRICT""",
                    """
                    CREATE TABLE secret_index (
                        path         TEXT    PRIMARY KEY,
                        key_gen      INTEGER NOT NULL,
                        sealed_index BLOB    NOT NULL
                    ) STRICT""",
                    """
                    CREATE TABLE secret_values (
                        path          TEXT    NOT NULL,
                        version       INTEGER NOT NULL,
                        key_gen       INTEGER NOT NULL,
                        sealed_values BLOB    NOT NULL,
                        PRIMARY KEY (path, version)
                    ) STRICT""",
                    """
                    CREATE TABLE policy_documents (
                        name            TEXT    PRIMARY KEY,
                        revision        INTEGER NOT NULL,
                        key_gen         INTEGER NOT NULL,
                        sealed_document BLOB    NOT NULL
                    ) STRICT""",
                    """
                    CREATE TABLE sealed_state (
                        name         TEXT    PRIMARY KEY,
                        key_gen      INTEGER NOT NULL,
                        sealed_value BLOB    NOT NULL
                    ) STRICT""",
                    "INSERT INTO secret_values SELECT path, version, key_gen, sealed_values FROM secret_versions",
                    "INSERT INTO policy_documents SELECT name, 0, key_gen, sealed_document FROM policies")),
            new Migration(3, "drop schema 1's plaintext bookkeeping", List.of(
                    "DROP TABLE secret_versions",
                    "DROP TABLE secret_metadata",
                    "DROP TABLE policies",
                    "DROP TABLE key_check")));

    /** The last schema that still holds schema 1's tables, to be sealed before {@link #latest()} drops them. */
    static final int LEGACY_IMPORT = 2;

    /** The schema version this code writes. */
    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }
}
