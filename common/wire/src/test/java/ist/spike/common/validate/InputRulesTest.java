package ist.spike.common.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class InputRulesTest {

    // ---- names: policy names, policy ids, secret value keys ----

    @ParameterizedTest
    @ValueSource(strings = {"a", "workload-can-read", "My Policy_1", "user", "DB_PASSWORD", "-", "_", " ", "0"})
    void namesAccepted(String name) {
        assertTrue(InputRules.isValidPolicyName(name));
        assertTrue(InputRules.isValidSecretKey(name));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"a.b", "a/b", "a:b", "ünï", "a\n", "a\tb", "pass=word", "*", "a$", "[x]"})
    void namesRefused(String name) {
        assertFalse(InputRules.isValidPolicyName(name));
        assertFalse(InputRules.isValidSecretKey(name));
    }

    @Test
    void namesAreAtMost250Characters() {
        assertTrue(InputRules.isValidPolicyName("n".repeat(250)));
        assertFalse(InputRules.isValidPolicyName("n".repeat(251)));
        assertFalse(InputRules.isValidSecretKey("k".repeat(251)));
    }

    // ---- secret paths ----

    @ParameterizedTest
    @ValueSource(strings = {
        "tenants/demo/db/creds", "a", "/leading/slash", "a.b_c-d", "x/(y)?+*|[z]{1}\\", "spike/system/secret", "trailing/"
    })
    void secretPathsAccepted(String path) {
        assertTrue(InputRules.isValidSecretPath(path));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"^anchored", "end$", "has space", "a:b", "ünï", "a\n", "a,b", "a#b", "a%2F", "a@b"})
    void secretPathsRefused(String path) {
        assertFalse(InputRules.isValidSecretPath(path));
    }

    @Test
    void secretPathsAreAtMost500Characters() {
        assertTrue(InputRules.isValidSecretPath("p".repeat(500)));
        assertFalse(InputRules.isValidSecretPath("p".repeat(501)));
    }

    // ---- path patterns ----

    @ParameterizedTest
    @ValueSource(strings = {"^tenants/demo/db/.*$", ".*", "^spike/system/acl$", "a|b", "[a-z]{2}", "x\\.y", "^(a|b)+?$"})
    void pathPatternsAccepted(String pattern) {
        assertTrue(InputRules.isValidPathPattern(pattern));
    }

    @ParameterizedTest
    @NullAndEmptySource
    // upstream's class has no ',' so {2,3} is refused too
    @ValueSource(strings = {"has space", "a:b", "a,b", "[a-z]{2,3}", "ünï", "a\n", "a#b", "a=b"})
    void pathPatternsRefused(String pattern) {
        assertFalse(InputRules.isValidPathPattern(pattern));
    }

    @Test
    void pathPatternsAreAtMost500Characters() {
        assertTrue(InputRules.isValidPathPattern(".".repeat(500)));
        assertFalse(InputRules.isValidPathPattern(".".repeat(501)));
    }

    // ---- SPIFFE-ID patterns ----

    @ParameterizedTest
    @ValueSource(strings = {
        "^spiffe://spike\\.ist/workload/.*$",
        "spiffe://spike.ist/workload/demo",
        "spiffe://spike.ist",
        "^spiffe://spike.ist$",
        "spiffe://(a)?.example/x",
        "spiffe://[a-z]+\\.example/.+/z",
        "spiffe://a//b",
        "^spiffe://.*",
    })
    void spiffeIdPatternsAccepted(String pattern) {
        assertTrue(InputRules.isValidSpiffeIdPattern(pattern));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "spiffe://", "spiffe:///path", "http://spike.ist/x", ".*spiffe://a", "^^spiffe://a", "spiffe://a$$",
        "spiffe://a b", "spiffe://a/b c", "spiffe://a|b", "spiffe://(a|b).example", "spiffe://a/b|c", "spiffe://a/{1}", "SPIFFE://a",
        "spiffe://a/b\n", "spiffe://a$/b",
    })
    void spiffeIdPatternsRefused(String pattern) {
        assertFalse(InputRules.isValidSpiffeIdPattern(pattern));
    }

    @Test
    void spiffeIdPatternCheckStaysFastOnNearMisses() {
        // a literal Java port of upstream's regex backtracks on each of these for far too long (docs/performance.md)
        String nearMiss = "spiffe://a" + "/a".repeat(20_000) + "!";
        String slashes = "spiffe://a" + "/".repeat(20_000) + "!";
        String dollars = "spiffe://a" + "/ab/".repeat(20_000) + "$!";
        String manySlashes = "^spiffe://a" + "/".repeat(20_000) + "$";
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertFalse(InputRules.isValidSpiffeIdPattern(nearMiss));
            assertFalse(InputRules.isValidSpiffeIdPattern(slashes));
            assertFalse(InputRules.isValidSpiffeIdPattern(dollars));
            assertTrue(InputRules.isValidSpiffeIdPattern(manySlashes));
            assertFalse(InputRules.isValidPeerSpiffeId(nearMiss));
            assertFalse(InputRules.isValidSecretPath("a".repeat(400) + "^"));
        });
    }

    // ---- permissions ----

    @Test
    void permissionsAreTheFiveLowerCaseNames() {
        for (String name : List.of("read", "write", "list", "execute", "super")) {
            assertTrue(InputRules.isValidPermission(name), name);
        }
        for (String name : Arrays.asList("READ", "Read", "admin", "", " read", null, "read,write")) {
            assertFalse(InputRules.isValidPermission(name), String.valueOf(name));
        }
    }

    @Test
    void permissionSetsMustBeNonEmptyAndAllValid() {
        assertTrue(InputRules.isValidPermissionSet(List.of("read")));
        assertTrue(InputRules.isValidPermissionSet(List.of("read", "write", "list", "execute", "super")));
        assertTrue(InputRules.isValidPermissionSet(List.of("read", "read")));
        assertFalse(InputRules.isValidPermissionSet(List.of()));
        assertFalse(InputRules.isValidPermissionSet(null));
        assertFalse(InputRules.isValidPermissionSet(List.of("read", "admin")));
        assertFalse(InputRules.isValidPermissionSet(Arrays.asList("read", null)));
    }

    @Test
    void permissionEnumMapsToWireNames() {
        assertEquals("execute", Permission.EXECUTE.wireName());
        assertEquals(Optional.of(Permission.SUPER), Permission.fromWire("super"));
        assertEquals(Optional.empty(), Permission.fromWire("SUPER"));
    }

    // ---- peer SPIFFE IDs ----

    @ParameterizedTest
    @ValueSource(strings = {
        "spiffe://spike.ist/spike/nexus", "spiffe://spike.ist", "spiffe://spike.ist/spike/pilot/role/superuser",
        "spiffe://my-td.example/a_b/c.d/e-f", "spiffe://UPPER.example/X",
    })
    void peerIdsAccepted(String id) {
        assertTrue(InputRules.isValidPeerSpiffeId(id));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "spiffe://", "spiffe://spike.ist/", "spiffe://spike.ist//x", "spiffe://spike_ist/x", "spiffe://a/b c",
        "spiffe://a/b?c", "spiffe://a:8080/x", "https://spike.ist/x", "spiffe://a/ü", "spiffe://a/b\n", "spiffe://a/*",
    })
    void peerIdsRefused(String id) {
        assertFalse(InputRules.isValidPeerSpiffeId(id));
    }
}
