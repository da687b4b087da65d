package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `spike policy create|apply` and patterns that reach further than they read, with the real CLI against
 * real Nexus processes: an unanchored pattern is refused (exit 1, one line, nothing sent) unless
 * --allow-unanchored is given, and then warned about; such a policy really lets another workload read
 * (the dev identity "demo", spiffe://spike.ist/workload/demo, through a policy written for .../dem); a
 * Nexus with SPIKE_NEXUS_POLICY_STRICT=true refuses it whatever the CLI says.
 */
class PolicyReachCliTest {
    private static final String UNANCHORED_ID = "spiffe://spike.ist/workload/dem";
    private static LocalStack stack;
    private static LocalStack strict;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.inMemoryNexus(Map.of());
        strict = LocalStack.inMemoryNexus(Map.of("SPIKE_NEXUS_POLICY_STRICT", "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (strict != null) {
            strict.close();
        }
    }

    private static void assertExit(int code, Processes.Result r) {
        assertEquals(code, r.exitCode(), r::toString);
    }

    private static String[] create(String name, String spiffeIdPattern, String pathPattern, String... more) {
        String[] base = {"policy", "create", "--name", name, "--spiffeid-pattern", spiffeIdPattern,
                "--path-pattern", pathPattern, "--permissions", "read"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void unanchoredPatternsAreRefusedWithOneLine() throws Exception {
        Processes.Result refused = stack.spike("superuser", create("dem-read", UNANCHORED_ID, "^tenants/dem/"));
        assertExit(1, refused);
        assertEquals(1, refused.stderr().lines().count(), refused::toString);
        assertTrue(refused.stderr().startsWith("Error: SPIFFE ID pattern '" + UNANCHORED_ID + "' is not anchored: "
                + "it does not start with ^spiffe://"), refused::toString);
        assertTrue(refused.stderr().contains("--allow-unanchored"), refused::toString);
        assertExit(2, stack.spike("superuser", "policy", "get", "dem-read"));

        Processes.Result noEnd = stack.spike("superuser",
                create("dem-read", "^spiffe://spike\\.ist/workload/dem", "^tenants/dem/"));
        assertExit(1, noEnd);
        assertTrue(noEnd.stderr().contains("does not end with $, / or /.*"), noEnd::toString);
        Processes.Result path = stack.spike("superuser",
                create("dem-read", "^spiffe://spike\\.ist/workload/dem$", "tenants/dem/"));
        assertExit(1, path);
        assertTrue(path.stderr().startsWith("Error: path pattern 'tenants/dem/' is not anchored: it does not "
                + "start with ^"), path::toString);

        Path file = stack.root.resolve("dem.yaml");
        Files.writeString(file, """
                name: dem-read
                spiffeidPattern: "^spiffe://spike.ist/workload/dem$"
                pathPattern: "^tenants/dem/"
                permissions: [read]
                """);
        Processes.Result applied = stack.spike("superuser", "policy", "apply", "--file", file.toString());
        assertExit(1, applied);
        assertEquals(1, applied.stderr().lines().count(), applied::toString);
        assertTrue(applied.stderr().contains("the unescaped '.' in its trust domain matches any character"),
                applied::toString);
        assertExit(2, stack.spike("superuser", "policy", "get", "dem-read"));
    }

    @Test
    void withTheFlagItIsStoredWithAWarningAndReachesAnotherWorkload() throws Exception {
        assertExit(0, stack.spike("superuser", "secret", "put", "tenants/demo/db/creds", "pass=s3cret"));
        assertExit(2, stack.spike("demo", "secret", "get", "tenants/demo/db/creds"));

        Processes.Result created = stack.spike("superuser",
                create("dem-wide", UNANCHORED_ID, "^tenants/", "--allow-unanchored"));
        assertExit(0, created);
        assertEquals("Policy created successfully.\n", created.stdout());
        assertTrue(created.stderr().startsWith("Warning: SPIFFE ID pattern '" + UNANCHORED_ID + "' is not anchored"),
                created::toString);
        // Upstream's semantics: written for .../dem, it matches .../demo too.
        Processes.Result read = stack.spike("demo", "secret", "get", "tenants/demo/db/creds");
        assertExit(0, read);
        assertEquals("pass: s3cret\n", read.stdout());

        // Anchored, the same grant stops at the workload it names.
        assertExit(0, stack.spike("superuser", "policy", "apply", "--name", "dem-wide", "--spiffeid-pattern",
                "^spiffe://spike\\.ist/workload/dem$", "--path-pattern", "^tenants/", "--permissions", "read"));
        assertExit(2, stack.spike("demo", "secret", "get", "tenants/demo/db/creds"));
        assertExit(0, stack.spike("superuser", "policy", "delete", "--yes", "dem-wide"));
    }

    @Test
    void aStrictNexusRefusesItEvenWithTheFlag() throws Exception {
        Processes.Result refused = strict.spike("superuser",
                create("dem-wide", UNANCHORED_ID, "^tenants/", "--allow-unanchored"));
        assertExit(2, refused);
        assertTrue(refused.stderr().contains("Invalid request"), refused::toString);
        assertExit(2, strict.spike("superuser", "policy", "get", "dem-wide"));
        assertTrue(strict.logTail("nexus").contains("SPIFFE ID pattern '" + UNANCHORED_ID + "' is not anchored"),
                () -> strict.logTail("nexus"));
        assertExit(0, strict.spike("superuser", create("dem-read", "^spiffe://spike\\.ist/workload/dem$",
                "^tenants/dem/")));
    }
}
