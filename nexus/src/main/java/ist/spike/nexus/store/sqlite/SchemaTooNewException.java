package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.StoreException;

/** The database was written by a newer SPIKE Nexus; this one refuses it rather than guess. Nothing was changed. */
public final class SchemaTooNewException extends StoreException {
    SchemaTooNewException(int found, int known) {
        super("database schema version " + found + " is newer than this SPIKE Nexus supports (" + known
                + "); upgrade SPIKE Nexus");
    }
}
