package ist.spike.nexus.store.memory;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import ist.spike.nexus.store.Backend;
import ist.spike.nexus.store.BackendContract;

class MemoryBackendTest extends BackendContract {
    @Override
    protected Backend openBackend() {
        return TestStores.memory();
    }
}
