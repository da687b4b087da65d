package ist.spike.nexus.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Backend} promises, whatever it stores in. */
public abstract class BackendContract {
    static final Instant T = Instant.parse("2026-01-02T03:04:05.000000006Z");
    static final SecretMetadataRecord META = new SecretMetadataRecord(1, 1, T, T, 10);

    protected Backend backend;

    protected abstract Backend openBackend() throws Exception;

    @BeforeEach
    void open() throws Exception {
        backend = openBackend();
    }

    @AfterEach
    void close() {
        backend.close();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    void seed() {
        backend.write(tx -> {
            tx.putSecretMetadata("p", META);
            tx.insertSecretVersion("p", 1, Map.of("k", "v1"), T);
            tx.insertSecretVersion("p", 2, Map.of("k", "v2"), T);
            tx.putPolicy("ops", utf8("doc-1"));
            return null;
        });
    }

    @Test
    void writesAreVisibleToLaterReads() {
        seed();
        assertEquals(Optional.of(META), backend.read(tx -> tx.secretMetadata("p")));
        assertEquals(Optional.of(Map.of("k", "v2")), backend.read(tx -> tx.secretValues("p", 2)));
        assertEquals(List.of(1, 2),
                backend.read(tx -> tx.secretVersions("p")).stream().map(SecretVersionRecord::version).toList());
        assertEquals(Optional.empty(), backend.read(tx -> tx.secretValues("p", 3)));
        assertEquals(Optional.empty(), backend.read(tx -> tx.secretMetadata("q")));
        assertEquals(List.of(), backend.read(tx -> tx.secretVersions("q")));
    }

    @Test
    void aWriteSeesItsOwnChanges() {
        int seen = backend.write(tx -> {
            tx.putSecretMetadata("p", META);
            tx.insertSecretVersion("p", 1, Map.of("k", "v"), T);
            return tx.secretVersions("p").size();
        });
        assertEquals(1, seen);
    }

    @Test
    void aFailedWriteLeavesNoTrace() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> backend.write(tx -> {
            tx.putSecretMetadata("p", META);
            tx.insertSecretVersion("p", 1, Map.of("k", "v"), T);
            tx.putPolicy("ops", utf8("doc"));
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals(Optional.empty(), backend.read(tx -> tx.secretMetadata("p")));
        assertEquals(List.of(), backend.read(ReadTransaction::secretPaths));
        assertEquals(Optional.empty(), backend.read(tx -> tx.policy("ops")));
    }

    @Test
    void aFailedWriteRestoresWhatItChanged() {
        seed();
        assertThrows(IllegalStateException.class, () -> backend.write(tx -> {
            tx.putSecretMetadata("p", new SecretMetadataRecord(9, 9, T, T.plusSeconds(1), 3));
            tx.setSecretVersionDeletedTime("p", 1, T);
            tx.removeSecretVersions("p", List.of(2));
            tx.insertSecretVersion("p", 3, Map.of("k", "v3"), T);
            tx.putPolicy("ops", utf8("doc-2"));
            tx.putPolicy("new", utf8("doc-3"));
            throw new IllegalStateException("abort");
        }));
        assertEquals(Optional.of(META), backend.read(tx -> tx.secretMetadata("p")));
        assertEquals(List.of(new SecretVersionRecord(1, T, null), new SecretVersionRecord(2, T, null)),
                backend.read(tx -> tx.secretVersions("p")));
        assertArrayEquals(utf8("doc-1"), backend.read(tx -> tx.policy("ops")).orElseThrow());
        assertEquals(List.of("ops"), List.copyOf(backend.read(ReadTransaction::policies).keySet()));
    }

    @Test
    void deletedTimeCanBeSetAndCleared() {
        seed();
        Instant deleted = T.plusNanos(123);
        backend.write(tx -> {
            tx.setSecretVersionDeletedTime("p", 1, deleted);
            tx.setSecretVersionDeletedTime("p", 7, deleted); // unknown: ignored
            return null;
        });
        assertEquals(Optional.of(new SecretVersionRecord(1, T, deleted)),
                backend.read(tx -> tx.secretVersion("p", 1)));
        backend.write(tx -> {
            tx.setSecretVersionDeletedTime("p", 1, null);
            return null;
        });
        assertFalse(backend.read(tx -> tx.secretVersion("p", 1)).orElseThrow().isDeleted());
    }

    @Test
    void removedVersionsAreGone() {
        seed();
        backend.write(tx -> {
            tx.removeSecretVersions("p", List.of(1, 5));
            return null;
        });
        assertEquals(Optional.empty(), backend.read(tx -> tx.secretValues("p", 1)));
        assertEquals(1, backend.read(tx -> tx.secretVersions("p")).size());
    }

    @Test
    void aVersionNumberCannotBeInsertedTwice() {
        seed();
        assertThrows(StoreException.class, () -> backend.write(tx -> {
            tx.insertSecretVersion("p", 2, Map.of("k", "other"), T);
            return null;
        }));
        assertEquals(Optional.of(Map.of("k", "v2")), backend.read(tx -> tx.secretValues("p", 2)));
    }

    @Test
    void policiesAreStoredReplacedListedAndDeleted() {
        seed();
        backend.write(tx -> {
            tx.putPolicy("b-policy", utf8("doc-b"));
            tx.putPolicy("ops", utf8("doc-1-replaced"));
            return null;
        });
        assertArrayEquals(utf8("doc-1-replaced"), backend.read(tx -> tx.policy("ops")).orElseThrow());
        var all = backend.read(ReadTransaction::policies);
        assertEquals(List.of("b-policy", "ops"), List.copyOf(all.keySet()));
        assertArrayEquals(utf8("doc-b"), all.get("b-policy"));
        boolean first = backend.write(tx -> tx.deletePolicy("ops"));
        boolean second = backend.write(tx -> tx.deletePolicy("ops"));
        assertTrue(first);
        assertFalse(second);
        assertEquals(Optional.empty(), backend.read(tx -> tx.policy("ops")));
    }

    @Test
    void policyDocumentsAreCopiedNotShared() {
        byte[] doc = utf8("original");
        backend.write(tx -> {
            tx.putPolicy("p", doc);
            return null;
        });
        doc[0] = 'X';
        byte[] read = backend.read(tx -> tx.policy("p")).orElseThrow();
        assertArrayEquals(utf8("original"), read);
        read[0] = 'Y';
        assertArrayEquals(utf8("original"), backend.read(tx -> tx.policy("p")).orElseThrow());
    }

    @Test
    void aClosedStoreRefusesWork() {
        backend.close();
        assertThrows(StoreException.class, () -> backend.read(ReadTransaction::secretPaths));
        assertThrows(StoreException.class, () -> backend.write(tx -> null));
        backend.close(); // idempotent
    }
}
