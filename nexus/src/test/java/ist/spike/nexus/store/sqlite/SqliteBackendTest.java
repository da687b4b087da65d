package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import ist.spike.nexus.store.Backend;
import ist.spike.nexus.store.BackendContract;
import ist.spike.nexus.testing.TestKeys;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteBackendTest extends BackendContract {
    @TempDir
    Path tmp;

    @Override
    protected Backend openBackend() {
        return TestStores.sqlite(SqliteStoreOptions.defaults(tmp.resolve("data")), TestKeys.fixed(1));
    }
}
