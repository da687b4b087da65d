package ist.spike.nexus.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.validate.InputRules;
import ist.spike.common.validate.Permission;
import ist.spike.nexus.store.Backend;
import ist.spike.nexus.testing.SteppingClock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policy semantics (docs/policies-and-cipher.md, upstream ADR-0033) against a real backend: multiple
 * policies, permission subsets, super, default deny, the reserved system paths, invalid regexes,
 * persistence of the compiled index.
 */
abstract class PolicyServiceContract {
    static final String APP = "spiffe://spike.ist/workload/app";
    static final List<Permission> READ = List.of(Permission.READ);
    static final List<Permission> WRITE = List.of(Permission.WRITE);
    static final List<Permission> READ_WRITE = List.of(Permission.READ, Permission.WRITE);

    Backend backend;
    PolicyService policies;

    abstract Backend openBackend();

    @BeforeEach
    void open() {
        backend = openBackend();
        policies = new PolicyService(backend, new SteppingClock(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.Duration.ofSeconds(1)));
        policies.load();
    }

    @AfterEach
    void close() {
        backend.close();
    }

    void put(String name, String spiffe, String path, Permission... permissions) throws InvalidPolicyException {
        policies.put(name, spiffe, path, List.of(permissions));
    }

    boolean allows(String caller, String path, List<Permission> wanted) {
        return policies.allows(caller, path, wanted);
    }

    @Test
    void nothingIsAllowedWithoutAPolicy() {
        assertFalse(allows(APP, "apps/app/db", READ));
        assertFalse(policies.hasPoliciesFor(APP));
    }

    @Test
    void aPolicyGrantsItsPermissionsOnItsPathsToItsCallersOnly() throws Exception {
        put("app-read", "^spiffe://spike\\.ist/workload/app$", "^apps/app/", Permission.READ);
        assertTrue(allows(APP, "apps/app/db", READ));
        assertFalse(allows(APP, "apps/app/db", WRITE), "read does not imply write");
        assertFalse(allows(APP, "apps/other/db", READ), "another path");
        assertFalse(allows(APP + "-evil", "apps/app/db", READ), "an ID that shares a prefix");
        assertFalse(allows("spiffe://other.td/workload/app", "apps/app/db", READ), "another trust domain");
        assertTrue(policies.hasPoliciesFor(APP));
        assertFalse(policies.hasPoliciesFor(APP + "-evil"));
    }

    @Test
    void patternsAreUnanchoredRegexesAsUpstream() throws Exception {
        put("loose", "spiffe://spike\\.ist/workload/app", "db", Permission.READ);
        assertTrue(allows(APP + "-evil", "apps/app/db/creds", READ), "substring semantics, as upstream");
        assertTrue(allows(APP, "x/db", READ));
        assertFalse(allows(APP, "apps/app/cache", READ));
    }

    @Test
    void onePolicyMustGrantEveryWantedPermission() throws Exception {
        put("r", "^spiffe://spike\\.ist/workload/app$", "^apps/", Permission.READ);
        put("w", "^spiffe://spike\\.ist/workload/app$", "^apps/", Permission.WRITE);
        assertTrue(allows(APP, "apps/x", READ));
        assertTrue(allows(APP, "apps/x", WRITE));
        assertFalse(allows(APP, "apps/x", READ_WRITE), "permissions are not merged across policies");
        put("rw", "^spiffe://spike\\.ist/workload/app$", "^apps/", Permission.READ, Permission.WRITE);
        assertTrue(allows(APP, "apps/x", READ_WRITE));
    }

    @Test
    void prefixIndexedAndOtherPoliciesMix() throws Exception {
        for (int i = 0; i < 50; i++) {
            put("t" + i, "^spiffe://spike\\.ist/workload/app$", "^tenants/t" + i + "/", Permission.READ);
        }
        put("short", "^spiffe://spike\\.ist/workload/app$", "^ten", Permission.LIST);
        put("loose", "^spiffe://spike\\.ist/workload/app$", "shared", Permission.WRITE);
        put("optional", "^spiffe://spike\\.ist/workload/app$", "^x?y/", Permission.READ);
        assertTrue(allows(APP, "tenants/t7/db", READ));
        assertTrue(allows(APP, "tenants/t49/db", READ));
        assertFalse(allows(APP, "tenants/t50/db", READ));
        assertFalse(allows(APP, "tenants/t7/db", WRITE));
        assertTrue(allows(APP, "tenants/t7/db", List.of(Permission.LIST)), "a shorter prefix applies too");
        assertTrue(allows(APP, "tenants/t7/shared", WRITE), "an unprefixed pattern is still tried");
        assertTrue(allows(APP, "y/a", READ));
        assertTrue(allows(APP, "xy/a", READ));
        assertFalse(allows(APP, "ten", READ));
        assertFalse(allows(APP, "", READ));
    }

    @Test
    void superGrantsEverything() throws Exception {
        put("su", "^spiffe://spike\\.ist/workload/app$", "^apps/", Permission.SUPER);
        assertTrue(allows(APP, "apps/x", List.of(Permission.READ, Permission.WRITE, Permission.LIST,
                Permission.EXECUTE)));
        assertFalse(allows(APP, "other/x", READ));
    }

    @Test
    void writesAndDeletesTakeEffectAtOnce() throws Exception {
        assertFalse(allows(APP, "apps/x", READ));
        put("p", "^spiffe://spike\\.ist/workload/app$", "^apps/", Permission.READ);
        assertTrue(allows(APP, "apps/x", READ));
        put("p", "^spiffe://spike\\.ist/workload/app$", "^elsewhere/", Permission.READ);
        assertFalse(allows(APP, "apps/x", READ), "an update replaces the policy");
        assertTrue(policies.delete("p"));
        assertFalse(allows(APP, "elsewhere/x", READ));
        assertFalse(policies.delete("p"));
    }

    @Test
    void cachedCallersSeeChangesOfWhoAPolicyIsFor() throws Exception {
        String b = "spiffe://spike.ist/workload/b";
        put("p", "^spiffe://spike\\.ist/workload/app$", "^apps/", Permission.READ);
        assertTrue(allows(APP, "apps/x", READ));
        assertFalse(allows(b, "apps/x", READ));
        put("p", "^spiffe://spike\\.ist/workload/b$", "^apps/", Permission.READ);
        assertFalse(allows(APP, "apps/x", READ), "moved away from the caller");
        assertTrue(allows(b, "apps/x", READ), "moved to the other caller");
        put("q", "^spiffe://spike\\.ist/workload/(app|b)$", "^q/", Permission.READ);
        assertTrue(allows(APP, "q/x", READ));
        assertTrue(allows(b, "q/x", READ));
        policies.delete("q");
        assertFalse(allows(APP, "q/x", READ));
        assertFalse(allows(b, "q/x", READ));
    }

    @Test
    void upsertKeepsCreatedAtAndMovesUpdatedAt() throws Exception {
        put("p", "^spiffe://spike\\.ist/workload/app$", "^apps/", Permission.READ);
        Policy first = policies.get("p").orElseThrow();
        put("p", "^spiffe://spike\\.ist/workload/app$", "^apps/", Permission.READ, Permission.LIST);
        Policy second = policies.get("p").orElseThrow();
        assertEquals(first.createdAt(), second.createdAt());
        assertTrue(second.updatedAt().isAfter(first.updatedAt()));
        assertEquals(List.of(Permission.READ, Permission.LIST), second.permissions());
    }

    @Test
    void listFiltersByExactPatternText() throws Exception {
        put("b", "^spiffe://spike\\.ist/a$", "^x/", Permission.READ);
        put("a", "^spiffe://spike\\.ist/b$", "^x/", Permission.READ);
        put("c", "^spiffe://spike\\.ist/a$", "^y/", Permission.READ);
        assertEquals(List.of("a", "b", "c"), names(PolicyFilter.ALL));
        assertEquals(List.of("b", "c"), names(new PolicyFilter("^spiffe://spike\\.ist/a$", "^x/")));
        assertEquals(List.of("a", "b"), names(new PolicyFilter("", "^x/")));
        assertEquals(List.of(), names(new PolicyFilter("spiffe://spike\\.ist/a", "")));
    }

    private List<String> names(PolicyFilter filter) {
        return policies.list(filter).stream().map(Policy::name).toList();
    }

    // ---- reserved system paths (upstream ADR-0033) ----

    @ParameterizedTest
    @CsvSource({
        "acl, ^spiffe://spike\\.ist/workload/app$",
        "system, ^spiffe://spike\\.ist/workload/app$",
        "spike, ^spiffe://spike\\.ist/workload/app$",
        "secret, ^spiffe://spike\\.ist/workload/app$",
        "cipher, ^spiffe://spike\\.ist/workload/app$",
        "exec, ^spiffe://spike\\.ist/workload/app$",
        "spike/system/acl, spiffe://spike\\.ist/workload/app",
        "^spike/system/acl$, spiffe://spike\\.ist/workload/app$",
        "^spike/system/acl$, ^spiffe://spike\\.ist/workload/app",
        ".*, spiffe://spike\\.ist/workload/app",
        "a|spike, ^spiffe://spike\\.ist/workload/app$",
        "spike/system/acl|secret, ^spiffe://spike\\.ist/workload/app$",
        "\\Qspike/system/acl, ^spiffe://spike\\.ist/workload/app$",
    })
    void policiesReachingAReservedPathByAccidentAreRefused(String path, String spiffe) {
        assertThrows(InvalidPolicyException.class, () -> put("attack", spiffe, path, Permission.SUPER));
        assertTrue(policies.get("attack").isEmpty(), "nothing was written");
        for (String reserved : ReservedPaths.ALL) {
            assertFalse(allows(APP, reserved, List.of(Permission.WRITE)));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "^spike/system/acl$, " + ReservedPaths.ACL,
        "spike/system/acl, " + ReservedPaths.ACL,
        "^spike/system/.*$, " + ReservedPaths.ACL,
        ".*, " + ReservedPaths.ACL,
        "^spike/system/secret$, " + ReservedPaths.SECRET_LIST,
        "^spike/system/cipher/exec$, " + ReservedPaths.CIPHER,
    })
    void deliberateGrantsOfReservedPathsWork(String path, String reserved) throws Exception {
        put("deliberate", "^spiffe://spike\\.ist/workload/app$", path, Permission.SUPER);
        assertTrue(allows(APP, reserved, List.of(Permission.WRITE)));
        assertFalse(allows(APP + "-evil", reserved, List.of(Permission.WRITE)));
    }

    @Test
    void ordinaryPathsKeepSubstringSemantics() throws Exception {
        put("ordinary", "spiffe://spike\\.ist/workload/app", "tenants", Permission.READ);
        assertTrue(allows(APP, "x/tenants/y", READ));
        assertFalse(allows(APP, ReservedPaths.ACL, READ));
    }

    @Test
    void aStoredPolicyThatBreaksTheRuleGrantsNoReservedPath() throws Exception {
        // Written around the service (as by an older version or another implementation of the store).
        Policy legacy = new Policy("legacy", "spiffe://spike\\.ist/workload/app", "spike", List.of(Permission.SUPER),
                java.time.Instant.EPOCH, java.time.Instant.EPOCH);
        backend.write(tx -> {
            tx.putPolicy("legacy", PolicyDocument.encode(legacy));
            return null;
        });
        PolicyService reloaded = new PolicyService(backend, new SteppingClock(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.Duration.ofSeconds(1)));
        reloaded.load();
        assertTrue(reloaded.get("legacy").isPresent());
        assertTrue(reloaded.allows(APP, "spike/apps/x", READ), "ordinary paths: as written");
        for (String reserved : ReservedPaths.ALL) {
            assertFalse(reloaded.allows(APP, reserved, List.of(Permission.WRITE)), reserved);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"(unclosed", "[a", "a**", "(a)\\1", "x{1001}", "a++", "\\Z", "(?=a)",
        "(a{1000}){2}", "((a{1000}){1000}){1000}"})
    void invalidRegexesAreRefused(String path) {
        assertThrows(InvalidPolicyException.class,
                () -> put("bad", "^spiffe://spike\\.ist/workload/app$", path, Permission.READ));
        assertThrows(InvalidPolicyException.class,
                () -> put("bad", "^spiffe://spike\\.ist/(unclosed$", "^apps/", Permission.READ));
        assertTrue(policies.get("bad").isEmpty());
    }

    /**
     * Patterns RE2/J refuses, written around the service (by an older version, another implementation, or
     * by hand): a backreference; what Go refuses as too many repetitions, which RE2/J would expand to
     * a billion instructions; nesting deeper than Go allows; a pattern longer than Nexus accepts.
     */
    static List<String> patternsNexusCannotLoad() {
        return List.of("(a)\\1", "((a{1000}){1000}){1000}", "(".repeat(1500) + "a" + ")".repeat(1500),
                "a".repeat(PolicyRegex.MAX_LENGTH + 1), "(?<=a)b");
    }

    @ParameterizedTest
    @MethodSource("patternsNexusCannotLoad")
    void aStoredPolicyThatNoLongerCompilesIsIgnoredNotFatal(String path) throws Exception {
        put("good", "^spiffe://spike\\.ist/workload/app$", "^good/", Permission.READ);
        Policy broken = new Policy("broken", "^spiffe://spike\\.ist/workload/app$", path, List.of(Permission.READ),
                java.time.Instant.EPOCH, java.time.Instant.EPOCH);
        backend.write(tx -> {
            tx.putPolicy("broken", PolicyDocument.encode(broken));
            return null;
        });
        PolicyService reloaded = new PolicyService(backend, new SteppingClock(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.Duration.ofSeconds(1)));
        reloaded.load();
        assertTrue(reloaded.isLoaded());
        assertEquals(1, reloaded.size(), "the other policies still load");
        assertTrue(reloaded.allows(APP, "good/x", READ));
        assertFalse(reloaded.allows(APP, "a", READ));
        assertFalse(reloaded.allows(APP, "aaa", READ));
        assertTrue(reloaded.get("broken").isPresent(), "still readable, so an operator can see and delete it");
        assertTrue(reloaded.delete("broken"));
    }

    @Test
    void aReloadSeesExactlyWhatWasWritten() throws Exception {
        put("one", "^spiffe://spike\\.ist/workload/app$", "^apps/", Permission.READ);
        put("two", "^spiffe://spike\\.ist/workload/b$", "^b/", Permission.WRITE, Permission.LIST);
        put("gone", "^spiffe://spike\\.ist/workload/c$", "^c/", Permission.WRITE);
        policies.delete("gone");
        PolicyService reloaded = new PolicyService(backend, new SteppingClock(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.Duration.ofSeconds(1)));
        reloaded.load();
        assertEquals(policies.list(PolicyFilter.ALL), reloaded.list(PolicyFilter.ALL));
        assertTrue(reloaded.allows(APP, "apps/x", READ));
        assertFalse(reloaded.allows("spiffe://spike.ist/workload/c", "c/x", WRITE));
    }

    @Test
    void nestedQuantifiersAnswerCorrectlyOnANearMiss() throws Exception {
        // Exponential for a backtracking engine; RE2/J, like Go, is linear in the path's length.
        put("nested", "^spiffe://spike\\.ist/workload/app$", "^(a+)+$", Permission.READ);
        assertFalse(allows(APP, "a".repeat(InputRules.MAX_PATH_LENGTH - 1) + "b", READ));
        assertTrue(allows(APP, "a".repeat(InputRules.MAX_PATH_LENGTH), READ));
        assertTrue(allows(APP, "aaa", READ));
    }
}
