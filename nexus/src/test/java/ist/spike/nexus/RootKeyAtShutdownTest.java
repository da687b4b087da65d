package ist.spike.nexus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.crypto.SecretBytes;
import org.junit.jupiter.api.Test;

/** A Nexus that stops destroys the root key it held (its bytes are zeroed, not left to the garbage collector). */
class RootKeyAtShutdownTest {
    @Test
    void closingNexusDestroysItsRootKey() throws Exception {
        NexusFixture nexus = NexusFixture.sqlite();
        SecretBytes held = nexus.server.rootKeyForTests();
        assertFalse(held.isDestroyed(), "Nexus holds a live key");
        nexus.close();
        assertTrue(held.isDestroyed());
    }
}
