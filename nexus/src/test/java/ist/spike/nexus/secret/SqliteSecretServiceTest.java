package ist.spike.nexus.secret;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import ist.spike.nexus.store.Backend;
import ist.spike.nexus.store.sqlite.SqliteStore;
import ist.spike.nexus.store.sqlite.SqliteStoreOptions;
import ist.spike.nexus.testing.TestKeys;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteSecretServiceTest extends SecretServiceContract {
    @TempDir
    Path tmp;

    @Override
    Backend openBackend() {
        return TestStores.sqlite(SqliteStoreOptions.defaults(tmp.resolve("data")), TestKeys.fixed(1));
    }
}
