package ist.spike.nexus.secret;

import ist.spike.nexus.store.Backend;
import ist.spike.nexus.store.memory.MemoryStore;

class MemorySecretServiceTest extends SecretServiceContract {
    @Override
    Backend openBackend() {
        return new MemoryStore();
    }
}
