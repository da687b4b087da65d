package ist.spike.nexus.store.sealed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.crypto.SecretBytes;
import ist.spike.nexus.secret.SecretService;
import ist.spike.nexus.store.WrongRootKeyException;
import ist.spike.nexus.testing.Rotations;
import ist.spike.nexus.testing.TestKeys;
import ist.spike.nexus.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's side of a rekey: until it is finished, the old root key opens the store and leads to the
 * new one (a Nexus that crashed mid-rekey comes back with shards of either key); afterwards only the new
 * key opens it.
 */
class RekeyStoreTest {
    @TempDir
    Path dir;

    @Test
    void bothKeysOpenTheStoreUntilTheRekeyIsFinishedThenOnlyTheNewOne() throws Exception {
        SecretBytes oldKey = TestKeys.fixed(1);
        SecretBytes newKey = TestKeys.fixed(2);
        try (SealedBackend store = TestStores.sqlite(dir, oldKey)) {
            new SecretService(store, Clock.systemUTC(), 10).put("app", Map.of("pw", "one"));
            store.beginRekey(newKey);
            assertTrue(store.rekeyPending());
            assertEquals(2, store.rootEpoch());
            new SecretService(store, Clock.systemUTC(), 10).put("app", Map.of("pw", "two"));
            assertThrows(IllegalStateException.class, () -> store.beginRekey(TestKeys.fixed(3)));
        }
        try (SealedBackend viaOld = TestStores.sqlite(dir, TestKeys.fixed(1))) {
            assertTrue(viaOld.rootKey().sameAs(newKey), "the old key leads to the new one");
            assertEquals(2, viaOld.rootEpoch());
            assertEquals(Map.of("pw", "two"), new SecretService(viaOld, Clock.systemUTC(), 10).get("app", 0));
        }
        try (SealedBackend viaNew = TestStores.sqlite(dir, TestKeys.fixed(2))) {
            assertTrue(viaNew.rekeyPending());
            // A rotation during the rekey: the new generation lives in the new key's copy, which both reach.
            try (KeyRotation rotation = new KeyRotation(viaNew, Clock.systemUTC(), Rotations.settings())) {
                rotation.rotate();
                Rotations.awaitDone(rotation);
            }
        }
        try (SealedBackend viaOld = TestStores.sqlite(dir, TestKeys.fixed(1))) {
            assertEquals(Map.of("pw", "two"), new SecretService(viaOld, Clock.systemUTC(), 10).get("app", 0));
            viaOld.finishRekey();
            assertFalse(viaOld.rekeyPending());
        }
        assertThrows(WrongRootKeyException.class, () -> TestStores.sqlite(dir, TestKeys.fixed(1)));
        try (SealedBackend viaNew = TestStores.sqlite(dir, TestKeys.fixed(2))) {
            assertEquals(Map.of("pw", "two"), new SecretService(viaNew, Clock.systemUTC(), 10).get("app", 0));
        }
    }
}
