package ist.spike.nexus.secret;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import ist.spike.nexus.store.Backend;
import ist.spike.nexus.store.memory.MemoryStore;

class MemorySecretServiceTest extends SecretServiceContract {
    @Override
    Backend openBackend() {
        return TestStores.memory();
    }
}
