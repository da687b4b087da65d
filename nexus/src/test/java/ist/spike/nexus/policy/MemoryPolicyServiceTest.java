package ist.spike.nexus.policy;

import ist.spike.nexus.store.Backend;
import ist.spike.nexus.store.memory.MemoryStore;

class MemoryPolicyServiceTest extends PolicyServiceContract {
    @Override
    Backend openBackend() {
        return new MemoryStore();
    }
}
