package ist.spike.nexus.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.nexus.store.Backend;
import ist.spike.nexus.store.ReadTransaction;
import ist.spike.nexus.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The secrets semantics (docs/api.md), run against every backend. Subclasses only say how to open one.
 */
abstract class SecretServiceContract {
    static final Instant T0 = Instant.parse("2026-07-25T20:37:48.123456789Z");
    static final Duration STEP = Duration.ofNanos(1_000_001); // odd step: nanosecond digits must survive

    SteppingClock clock;
    Backend backend;
    SecretService secrets;

    /** A fresh, empty backend. */
    abstract Backend openBackend() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        clock = new SteppingClock(T0, STEP);
        backend = openBackend();
        secrets = new SecretService(backend, clock, 10);
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    static Map<String, String> v(String value) {
        return Map.of("username", "admin", "password", value);
    }

    void putTimes(String path, int n) {
        for (int i = 1; i <= n; i++) {
            secrets.put(path, v("p" + i));
        }
    }

    List<Integer> storedVersions(String path) {
        return secrets.metadata(path, 0).versions().stream().map(SecretVersionInfo::version).toList();
    }

    // ---- put and get ----

    @Test
    void firstPutCreatesVersionOne() {
        assertEquals(1, secrets.put("app/db", v("s1")));
        assertEquals(v("s1"), secrets.get("app/db", 0));
        assertEquals(v("s1"), secrets.get("app/db", 1));
    }

    @Test
    void putAddsTheNextVersionAndKeepsOlderOnes() {
        secrets.put("app/db", v("s1"));
        assertEquals(2, secrets.put("app/db", v("s2")));
        assertEquals(3, secrets.put("app/db", v("s3")));
        assertEquals(v("s3"), secrets.get("app/db", 0));
        assertEquals(v("s1"), secrets.get("app/db", 1));
        assertEquals(v("s2"), secrets.get("app/db", 2));
    }

    @Test
    void valuesRoundTripExactly() {
        Map<String, String> odd = Map.of("", "", "key with spaces", "välue ünïcödé 🔑", "multi", "line\nbreak\u0000nul");
        secrets.put("odd", odd);
        assertEquals(odd, secrets.get("odd", 0));
        secrets.put("empty", Map.of());
        assertEquals(Map.of(), secrets.get("empty", 0));
    }

    @Test
    void getOfMissingPathOrVersionIsNotFound() {
        assertThrows(SecretNotFoundException.class, () -> secrets.get("nope", 0));
        secrets.put("app/db", v("s1"));
        assertThrows(SecretNotFoundException.class, () -> secrets.get("app/db", 2));
        assertThrows(SecretNotFoundException.class, () -> secrets.get("app/db", -1));
    }

    @Test
    void pathsAreIndependent() {
        secrets.put("a", v("a1"));
        secrets.put("b", v("b1"));
        secrets.put("a", v("a2"));
        assertEquals(v("b1"), secrets.get("b", 0));
        assertEquals(1, secrets.metadata("b", 0).currentVersion());
        assertEquals(2, secrets.metadata("a", 0).currentVersion());
    }

    // ---- max versions ----

    @Test
    void versionsBeyondMaxArePrunedLowestFirst() {
        secrets = new SecretService(backend, clock, 3);
        putTimes("app/db", 5);
        assertEquals(List.of(3, 4, 5), storedVersions("app/db"));
        assertThrows(SecretNotFoundException.class, () -> secrets.get("app/db", 1));
        assertThrows(SecretNotFoundException.class, () -> secrets.get("app/db", 2));
        assertEquals(v("p3"), secrets.get("app/db", 3));
        SecretMetadata m = secrets.metadata("app/db", 0);
        assertEquals(5, m.currentVersion());
        assertEquals(3, m.oldestVersion());
    }

    @Test
    void deletedVersionsCountTowardsMaxAndArePrunedToo() {
        secrets = new SecretService(backend, clock, 3);
        putTimes("app/db", 3);
        secrets.delete("app/db", List.of(2));
        secrets.put("app/db", v("p4")); // 4 stored > 3: version 1 goes
        assertEquals(List.of(2, 3, 4), storedVersions("app/db"));
        secrets.put("app/db", v("p5")); // version 2 (deleted) goes
        assertEquals(List.of(3, 4, 5), storedVersions("app/db"));
        assertEquals(3, secrets.metadata("app/db", 0).oldestVersion());
    }

    @Test
    void oldestVersionMovesToTheLowestLiveVersionAfterPruning() {
        secrets = new SecretService(backend, clock, 3);
        putTimes("app/db", 3);
        secrets.delete("app/db", List.of(2));
        secrets.put("app/db", v("p4")); // prunes 1; 2 is deleted, so the oldest live is 3
        assertEquals(3, secrets.metadata("app/db", 0).oldestVersion());
    }

    @Test
    void maxVersionsIsCapturedWhenTheSecretIsCreated() {
        secrets = new SecretService(backend, clock, 2);
        secrets.put("small", v("1"));
        SecretService bigger = new SecretService(backend, clock, 5);
        for (int i = 0; i < 4; i++) {
            bigger.put("small", v("x" + i));
        }
        assertEquals(2, bigger.metadata("small", 0).maxVersions());
        assertEquals(List.of(4, 5), storedVersions("small"));
        bigger.put("large", v("1"));
        assertEquals(5, bigger.metadata("large", 0).maxVersions());
    }

    // ---- delete ----

    @Test
    void deleteWithEmptyListDeletesTheCurrentVersion() {
        putTimes("app/db", 3);
        secrets.delete("app/db", List.of());
        assertThrows(SecretNotFoundException.class, () -> secrets.get("app/db", 3));
        assertEquals(v("p2"), secrets.get("app/db", 0));
        SecretMetadata m = secrets.metadata("app/db", 0);
        assertEquals(2, m.currentVersion());
        assertEquals(1, m.oldestVersion());
    }

    @Test
    void zeroInTheListMeansTheCurrentVersion() {
        putTimes("app/db", 3);
        secrets.delete("app/db", List.of(0, 1));
        assertEquals(2, secrets.metadata("app/db", 0).currentVersion());
        assertEquals(2, secrets.metadata("app/db", 0).oldestVersion());
        assertThrows(SecretNotFoundException.class, () -> secrets.get("app/db", 1));
        assertThrows(SecretNotFoundException.class, () -> secrets.get("app/db", 3));
    }

    @Test
    void deletingANonCurrentVersionKeepsCurrentAndMovesOldest() {
        putTimes("app/db", 3);
        secrets.delete("app/db", List.of(1));
        SecretMetadata m = secrets.metadata("app/db", 0);
        assertEquals(3, m.currentVersion());
        assertEquals(2, m.oldestVersion());
        assertThrows(SecretNotFoundException.class, () -> secrets.get("app/db", 1));
    }

    @Test
    void unknownVersionsAreIgnoredAndMissingPathIsNotFound() {
        putTimes("app/db", 2);
        secrets.delete("app/db", List.of(7, 99, -3));
        assertEquals(2, secrets.metadata("app/db", 0).currentVersion());
        assertEquals(v("p1"), secrets.get("app/db", 1));
        assertThrows(SecretNotFoundException.class, () -> secrets.delete("nope", List.of()));
    }

    @Test
    void deletingEveryVersionLeavesThePathWithNoCurrent() {
        putTimes("app/db", 2);
        secrets.delete("app/db", List.of(1, 2));
        assertThrows(SecretNotFoundException.class, () -> secrets.get("app/db", 0));
        assertThrows(SecretNotFoundException.class, () -> secrets.get("app/db", 1));
        assertThrows(SecretNotFoundException.class, () -> secrets.metadata("app/db", 0));
        assertThrows(SecretNotFoundException.class, () -> secrets.metadata("app/db", 2));
        assertEquals(List.of("app/db"), secrets.list());
        secrets.delete("app/db", List.of()); // nothing current to delete: a no-op, not an error
    }

    @Test
    void deletingAnAlreadyDeletedVersionKeepsItsFirstDeletionTime() {
        putTimes("app/db", 3);
        secrets.delete("app/db", List.of(1));
        Instant first = secrets.metadata("app/db", 0).versions().get(0).deletedTime();
        secrets.delete("app/db", List.of(1));
        assertEquals(first, secrets.metadata("app/db", 0).versions().get(0).deletedTime());
    }

    @Test
    void putAfterDeletingTheCurrentVersionNeverOverwritesTheDeletedOne() {
        putTimes("app/db", 3);
        secrets.delete("app/db", List.of()); // 3 deleted, current 2
        assertEquals(4, secrets.put("app/db", v("p4")));
        assertEquals(List.of(1, 2, 3, 4), storedVersions("app/db"));
        secrets.undelete("app/db", List.of(3));
        assertEquals(v("p3"), secrets.get("app/db", 3)); // the deleted version's data survived
        assertEquals(4, secrets.metadata("app/db", 0).currentVersion());
    }

    @Test
    void putAfterEverythingWasDeletedContinuesAboveTheHighestVersion() {
        putTimes("app/db", 2);
        secrets.delete("app/db", List.of(1, 2));
        assertEquals(3, secrets.put("app/db", v("p3")));
        SecretMetadata m = secrets.metadata("app/db", 0);
        assertEquals(3, m.currentVersion());
        assertEquals(3, m.oldestVersion());
    }

    // ---- undelete ----

    @Test
    void undeleteWithEmptyListWhenAllDeletedRestoresTheHighest() {
        putTimes("app/db", 3);
        secrets.delete("app/db", List.of(1, 2, 3));
        secrets.undelete("app/db", List.of());
        assertEquals(v("p3"), secrets.get("app/db", 0));
        SecretMetadata m = secrets.metadata("app/db", 0);
        assertEquals(3, m.currentVersion());
        assertEquals(3, m.oldestVersion());
        assertThrows(SecretNotFoundException.class, () -> secrets.get("app/db", 2));
    }

    @Test
    void undeleteZeroWhenAllDeletedRestoresTheHighestToo() {
        putTimes("app/db", 2);
        secrets.delete("app/db", List.of(1, 2));
        secrets.undelete("app/db", List.of(0));
        assertEquals(2, secrets.metadata("app/db", 0).currentVersion());
    }

    @Test
    void undeletingAHigherVersionRaisesCurrent() {
        putTimes("app/db", 3);
        secrets.delete("app/db", List.of()); // current 2
        secrets.undelete("app/db", List.of(3));
        assertEquals(3, secrets.metadata("app/db", 0).currentVersion());
        assertEquals(v("p3"), secrets.get("app/db", 0));
    }

    @Test
    void undeletingALowerVersionKeepsCurrentAndMovesOldest() {
        putTimes("app/db", 3);
        secrets.delete("app/db", List.of(1, 2));
        assertEquals(3, secrets.metadata("app/db", 0).oldestVersion());
        secrets.undelete("app/db", List.of(1));
        SecretMetadata m = secrets.metadata("app/db", 0);
        assertEquals(3, m.currentVersion());
        assertEquals(1, m.oldestVersion());
        assertEquals(v("p1"), secrets.get("app/db", 1));
    }

    @Test
    void undeleteThatRestoresNothingIsNotFound() {
        assertThrows(SecretNotFoundException.class, () -> secrets.undelete("nope", List.of()));
        putTimes("app/db", 2);
        // Nothing is deleted, so "undelete the last deleted version" has nothing to do.
        assertThrows(SecretNotFoundException.class, () -> secrets.undelete("app/db", List.of()));
        assertThrows(SecretNotFoundException.class, () -> secrets.undelete("app/db", List.of(1, 9)));
    }

    @Test
    void undeleteWithNoVersionBringsBackTheHighestDeletedEvenWhileAnOlderOneIsLive() {
        putTimes("app/db", 3);
        secrets.delete("app/db", List.of(3));
        assertEquals(v("p2"), secrets.get("app/db", 0));
        secrets.undelete("app/db", List.of());
        assertEquals(v("p3"), secrets.get("app/db", 0));
        secrets.delete("app/db", List.of(2, 3));
        secrets.undelete("app/db", List.of(0));
        assertEquals(v("p3"), secrets.get("app/db", 0));
        assertThrows(SecretNotFoundException.class, () -> secrets.get("app/db", 2));
    }

    @Test
    void undeleteIgnoresUnknownVersionsWhenSomethingCameBack() {
        putTimes("app/db", 2);
        secrets.delete("app/db", List.of(1));
        secrets.undelete("app/db", List.of(1, 42));
        assertEquals(v("p1"), secrets.get("app/db", 1));
    }

    // ---- list ----

    @Test
    void listIsEmptyForAnEmptyStore() {
        assertEquals(List.of(), secrets.list());
    }

    @Test
    void listIsSortedLexicographicallyAndIncludesFullyDeletedPaths() {
        for (String p : List.of("b/x", "a", "B", "a/b", "ab", "a-b", "z")) {
            secrets.put(p, v("x"));
        }
        secrets.delete("z", List.of());
        assertEquals(List.of("B", "a", "a-b", "a/b", "ab", "b/x", "z"), secrets.list());
    }

    @Test
    void listOrdersByCodePointLikeUtf8Bytes() {
        secrets.put("\uFFFD", v("x")); // U+FFFD sorts below U+1F511 in UTF-8, above it in UTF-16
        secrets.put("\uD83D\uDD11", v("x"));
        assertEquals(List.of("\uFFFD", "\uD83D\uDD11"), secrets.list());
    }

    // ---- metadata ----

    @Test
    void metadataReturnsTheWholeHistoryWithVersionNumbersAndTimes() {
        Instant created = clock.peek();
        putTimes("app/db", 3);
        secrets.delete("app/db", List.of(2));
        SecretMetadata m = secrets.metadata("app/db", 0);

        assertEquals(List.of(1, 2, 3), m.versions().stream().map(SecretVersionInfo::version).toList());
        assertEquals(created, m.createdTime());
        assertEquals(created, m.versions().get(0).createdTime());
        assertEquals(created.plus(STEP), m.versions().get(1).createdTime());
        assertEquals(created.plus(STEP.multipliedBy(2)), m.versions().get(2).createdTime());
        assertNull(m.versions().get(0).deletedTime());
        assertEquals(created.plus(STEP.multipliedBy(3)), m.versions().get(1).deletedTime());
        assertNull(m.versions().get(2).deletedTime());
        assertEquals(3, m.currentVersion());
        assertEquals(1, m.oldestVersion());
        assertEquals(10, m.maxVersions());
        assertEquals(created.plus(STEP.multipliedBy(3)), m.updatedTime());
    }

    @Test
    void metadataNeedsTheRequestedVersionToBeLive() {
        putTimes("app/db", 2);
        secrets.delete("app/db", List.of(1));
        assertNotNull(secrets.metadata("app/db", 2));
        assertThrows(SecretNotFoundException.class, () -> secrets.metadata("app/db", 1));
        assertThrows(SecretNotFoundException.class, () -> secrets.metadata("app/db", 3));
        assertThrows(SecretNotFoundException.class, () -> secrets.metadata("nope", 0));
    }

    @Test
    void updatedTimeFollowsEveryChangeAndCreatedTimeStays() {
        secrets.put("app/db", v("1"));
        Instant created = secrets.metadata("app/db", 0).createdTime();
        Instant beforeDelete = clock.peek();
        secrets.put("app/db", v("2"));
        secrets.delete("app/db", List.of(1));
        SecretMetadata afterDelete = secrets.metadata("app/db", 0);
        assertEquals(created, afterDelete.createdTime());
        assertTrue(afterDelete.updatedTime().isAfter(beforeDelete));
        Instant beforeUndelete = clock.peek();
        secrets.undelete("app/db", List.of(1));
        assertFalse(secrets.metadata("app/db", 0).updatedTime().isBefore(beforeUndelete));
    }

    // ---- atomicity ----

    @Test
    void concurrentPutsToOnePathGetDistinctVersions() throws Exception {
        secrets = new SecretService(backend, clock, 10_000);
        int writers = 16;
        int each = 20;
        ConcurrentLinkedQueue<Integer> versions = new ConcurrentLinkedQueue<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        versions.add(secrets.put("shared", Map.of("writer", id + "-" + i)));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        Set<Integer> distinct = new TreeSet<>(versions);
        assertEquals(writers * each, versions.size());
        assertEquals(writers * each, distinct.size());
        assertEquals(1, ((TreeSet<Integer>) distinct).first());
        assertEquals(writers * each, ((TreeSet<Integer>) distinct).last());
        assertEquals(writers * each, secrets.metadata("shared", 0).currentVersion());
    }

    /** The backend's one-lookup read agrees with the step-by-step lookups in every state. */
    @Test
    void liveSecretValuesAgreesWithStepByStepLookups() {
        putTimes("app/db", 4);
        secrets.delete("app/db", List.of(2, 4)); // current becomes 3
        secrets.put("gone", v("x"));
        secrets.delete("gone", List.of()); // no live version at all
        for (String path : List.of("app/db", "gone", "nope")) {
            for (int version = -1; version <= 6; version++) {
                int wanted = version;
                Optional<Map<String, String>> expected = backend.read(tx -> stepByStep(tx, path, wanted));
                assertEquals(expected, backend.read(tx -> tx.liveSecretValues(path, wanted)), path + " v" + version);
            }
        }
        assertEquals(Optional.of(v("p3")), backend.read(tx -> tx.liveSecretValues("app/db", 0)));
    }

    private static Optional<Map<String, String>> stepByStep(ReadTransaction tx, String path, int version) {
        var meta = tx.secretMetadata(path);
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        int wanted = version == 0 ? meta.get().currentVersion() : version;
        var record = tx.secretVersion(path, wanted);
        if (wanted <= 0 || record.isEmpty() || record.get().isDeleted()) {
            return Optional.empty();
        }
        return tx.secretValues(path, wanted);
    }
}
