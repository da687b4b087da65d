package ist.spike.nexus.policy;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import ist.spike.nexus.store.Backend;
import ist.spike.nexus.store.memory.MemoryStore;

class MemoryPolicyServiceTest extends PolicyServiceContract {
    @Override
    Backend openBackend() {
        return TestStores.memory();
    }
}
