package ist.spike.nexus.store.sqlite;

import java.util.List;

/** One forward step of the schema: the statements that take it from {@code version - 1} to {@code version}. */
record Migration(int version, String description, List<String> statements) {
    Migration {
        statements = List.copyOf(statements);
    }
}
