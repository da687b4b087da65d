package ist.spike.nexus.policy;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.validate.Permission;
import ist.spike.nexus.store.Backend;
import ist.spike.nexus.store.StoreIntegrityException;
import ist.spike.nexus.store.sqlite.SqliteStore;
import ist.spike.nexus.store.sqlite.SqliteStoreOptions;
import ist.spike.nexus.testing.SteppingClock;
import ist.spike.nexus.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlitePolicyServiceTest extends PolicyServiceContract {
    @TempDir
    Path tmp;

    @Override
    Backend openBackend() {
        return TestStores.sqlite(SqliteStoreOptions.defaults(tmp.resolve("data")), TestKeys.fixed(1));
    }

    @Test
    void policiesSurviveARestartAndAreCompiledFromTheStore() throws Exception {
        put("p", "^spiffe://spike\\.ist/workload/app$", "^apps/", Permission.READ);
        backend.close();
        backend = openBackend();
        PolicyService reopened = new PolicyService(backend, new SteppingClock(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.Duration.ofSeconds(1)));
        reopened.load();
        assertTrue(reopened.allows(APP, "apps/x", List.of(Permission.READ)));
    }

    @Test
    void policiesAreStoredSealedAndBoundToTheirName() throws Exception {
        put("victim", "^spiffe://spike\\.ist/workload/app$", "^apps/", Permission.READ);
        put("attacker", "^spiffe://spike\\.ist/workload/evil$", "^nothing/", Permission.READ);
        backend.close();
        Path db = SqliteStore.databaseFile(tmp.resolve("data"));
        String raw = new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("workload/app"), "patterns are not stored in the clear");
        // Swap the attacker's sealed document into the victim's row: authentication must fail.
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var s = c.createStatement()) {
            s.executeUpdate("UPDATE policy_documents SET sealed_document = (SELECT sealed_document FROM policy_documents "
                    + "WHERE name = 'attacker') WHERE name = 'victim'");
        }
        backend = openBackend();
        PolicyService reopened = new PolicyService(backend, new SteppingClock(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.Duration.ofSeconds(1)));
        reopened.load();
        assertEquals(List.of("attacker"), reopened.list(PolicyFilter.ALL).stream().map(Policy::name).toList());
        assertFalse(reopened.allows("spiffe://spike.ist/workload/evil", "apps/x", List.of(Permission.READ)));
        assertThrows(StoreIntegrityException.class, () -> reopened.get("victim"));
    }
}
