package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator's view with real processes: `spike policy` grants a workload (the dev identity "demo",
 * spiffe://spike.ist/workload/demo) a path, the workload reads exactly that, and `spike cipher`
 * round-trips data in both modes. Exit codes: 0 success, 1 usage, 2 the request failed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyAndCipherCliTest {
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new LocalStack(2);
        stack.startIdentity().startKeepers();
        stack.startNexus();
        stack.awaitNexusReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static Processes.Result spike(String identity, String... args) throws Exception {
        return stack.spike(identity, args);
    }

    private static void assertExit(int code, Processes.Result r) {
        assertEquals(code, r.exitCode(), r::toString);
    }

    @Test
    @Order(1)
    void aPolicyGrantsTheWorkloadExactlyItsPath() throws Exception {
        assertExit(0, spike("superuser", "secret", "put", "tenants/demo/db/creds", "user=demo", "pass=s3cret"));
        assertExit(0, spike("superuser", "secret", "put", "tenants/other/db/creds", "user=other"));
        Processes.Result denied = spike("demo", "secret", "get", "tenants/demo/db/creds");
        assertExit(2, denied);
        assertTrue(denied.stderr().startsWith("Error: Unauthorized"), denied::toString);

        Path file = stack.root.resolve("demo-policy.yaml");
        Files.writeString(file, """
                name: demo-read
                spiffeidPattern: "^spiffe://spike\\\\.ist/workload/demo$"
                pathPattern: "^tenants/demo/db/.*$"
                permissions:
                  - read
                """);
        Processes.Result applied = spike("superuser", "policy", "apply", "--file", file.toString());
        assertExit(0, applied);
        assertEquals("Policy 'demo-read' applied successfully\n", applied.stdout());

        Processes.Result read = spike("demo", "secret", "get", "tenants/demo/db/creds");
        assertExit(0, read);
        assertEquals("pass: s3cret\nuser: demo\n", read.stdout());
        assertExit(2, spike("demo", "secret", "get", "tenants/other/db/creds"));
        assertExit(2, spike("demo", "secret", "put", "tenants/demo/db/creds", "user=evil"));
        assertExit(2, spike("demo", "secret", "list"));
        assertExit(2, spike("demo", "policy", "list"));
    }

    @Test
    @Order(2)
    void policiesCanBeListedAndRead() throws Exception {
        Processes.Result human = spike("superuser", "policy", "list");
        assertExit(0, human);
        assertEquals("POLICIES\n========\n\nName: demo-read\n--------\n\n", human.stdout());
        Processes.Result json = spike("superuser", "policy", "list", "-f", "json");
        assertEquals("[\n  {\n    \"id\": \"\",\n    \"name\": \"demo-read\"\n  }\n]\n", json.stdout());
        Processes.Result filtered = spike("superuser", "policy", "list", "--path-pattern", "^nothing$");
        assertEquals("No policies found.\n", filtered.stdout());

        Processes.Result get = spike("superuser", "policy", "get", "demo-read");
        assertExit(0, get);
        assertTrue(get.stdout().startsWith("POLICY DETAILS\n=============\n\nName: demo-read\n"
                + "SPIFFE ID Pattern: ^spiffe://spike\\.ist/workload/demo$\nPath Pattern: ^tenants/demo/db/.*$\n"
                + "Permissions: read\nCreated At: "), get.stdout());
        Processes.Result details = spike("superuser", "policy", "get", "--name", "demo-read", "-f", "json");
        assertTrue(details.stdout().contains("\"spiffiedPattern\": \"^spiffe://spike\\\\.ist/workload/demo$\""),
                details::toString);
        Processes.Result missing = spike("superuser", "policy", "get", "no-such");
        assertExit(2, missing);
        assertEquals("Error: Policy 'no-such' not found.\n", missing.stderr());
    }

    @Test
    @Order(3)
    void createRefusesDuplicatesAndBadInput() throws Exception {
        Processes.Result duplicate = spike("superuser", "policy", "create", "--name", "demo-read",
                "--path-pattern", "^x/", "--spiffeid-pattern", "^spiffe://spike\\.ist/x$", "--permissions", "read");
        assertExit(2, duplicate);
        assertEquals("Error: Policy 'demo-read' already exists.\n", duplicate.stderr());
        Processes.Result missingFlags = spike("superuser", "policy", "create", "--name", "x");
        assertExit(1, missingFlags);
        assertEquals(1, missingFlags.stderr().lines().count(), missingFlags::toString);
        assertTrue(missingFlags.stderr().contains("--path-pattern"), missingFlags::toString);
        assertExit(1, spike("superuser", "policy", "create", "--name", "x", "--path-pattern", "^x/",
                "--spiffeid-pattern", "^spiffe://spike\\.ist/x$", "--permissions", "read,admin"));
        // Reaching spike/system/acl by substring (upstream ADR-0033): Nexus refuses it, also when the CLI is
        // told to send an unanchored pattern.
        Processes.Result reserved = spike("superuser", "policy", "create", "--name", "sneaky", "--path-pattern", "acl",
                "--spiffeid-pattern", "^spiffe://spike\\.ist/workload/demo$", "--permissions", "write",
                "--allow-unanchored");
        assertExit(2, reserved);
        assertExit(2, spike("superuser", "policy", "get", "sneaky"));
        Processes.Result created = spike("superuser", "policy", "create", "--name", "demo-cipher", "--path-pattern",
                "^spike/system/cipher/exec$", "--spiffeid-pattern", "^spiffe://spike\\.ist/workload/demo$",
                "--permissions", "execute");
        assertExit(0, created);
        assertEquals("Policy created successfully.\n", created.stdout());
    }

    @Test
    @Order(4)
    void cipherRoundTripsInBothModes() throws Exception {
        byte[] data = new byte[5000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Path in = stack.root.resolve("in.bin");
        Path sealed = stack.root.resolve("in.enc");
        Path back = stack.root.resolve("back.bin");
        Files.write(in, data);
        assertExit(0, spike("superuser", "cipher", "encrypt", "-f", in.toString(), "-o", sealed.toString()));
        byte[] blob = Files.readAllBytes(sealed);
        assertEquals(1 + 12 + data.length + 16, blob.length);
        assertEquals(1, blob[0]);
        assertExit(0, spike("superuser", "cipher", "decrypt", "-f", sealed.toString(), "-o", back.toString()));
        assertArrayEquals(data, Files.readAllBytes(back));

        // stdin to a file, and a file to stdout
        Path fromStdin = stack.root.resolve("stdin.enc");
        assertExit(0, stack.spikeWithInput("superuser", "hello from stdin", "cipher", "encrypt", "-o",
                fromStdin.toString()));
        Processes.Result opened = spike("superuser", "cipher", "decrypt", "-f", fromStdin.toString());
        assertExit(0, opened);
        assertEquals("hello from stdin", opened.stdout());

        // JSON mode writes the same decryptable blob (upstream wrote only the ciphertext).
        Path json = stack.root.resolve("json.enc");
        String b64 = Base64.getEncoder().encodeToString("json mode".getBytes());
        assertExit(0, spike("superuser", "cipher", "encrypt", "--plaintext", b64, "-o", json.toString()));
        assertEquals("json mode", spike("superuser", "cipher", "decrypt", "-f", json.toString()).stdout());
        byte[] jsonBlob = Files.readAllBytes(json);
        Processes.Result viaFlags = spike("superuser", "cipher", "decrypt", "--version", "1",
                "--nonce", Base64.getEncoder().encodeToString(Arrays.copyOfRange(jsonBlob, 1, 13)),
                "--ciphertext", Base64.getEncoder().encodeToString(Arrays.copyOfRange(jsonBlob, 13, jsonBlob.length)));
        assertExit(0, viaFlags);
        assertEquals("json mode", viaFlags.stdout());

        // Tampered: refused, nothing written.
        blob[blob.length - 1] ^= 1;
        Path tampered = stack.root.resolve("tampered.enc");
        Files.write(tampered, blob);
        Path nothing = stack.root.resolve("nothing.bin");
        assertExit(2, spike("superuser", "cipher", "decrypt", "-f", tampered.toString(), "-o", nothing.toString()));
        assertFalse(Files.exists(nothing));
        assertExit(1, spike("superuser", "cipher", "decrypt", "--nonce", "!!", "--ciphertext", "AAAA"));
    }

    @Test
    @Order(5)
    void cipherAccessFollowsRolesAndPolicies() throws Exception {
        Path sealed = stack.root.resolve("by-lite.enc");
        assertExit(0, stack.spikeWithInput("lite", "lite data", "cipher", "encrypt", "-o", sealed.toString()));
        // demo has execute on spike/system/cipher/exec from the policy made above.
        assertEquals("lite data", spike("demo", "cipher", "decrypt", "-f", sealed.toString()).stdout());
        assertExit(2, spike("keeper", "cipher", "decrypt", "-f", sealed.toString()));
    }

    @Test
    @Order(6)
    void deleteAsksFirst() throws Exception {
        Processes.Result no = stack.spikeWithInput("superuser", "n\n", "policy", "delete", "demo-read");
        assertExit(0, no);
        assertEquals("Are you sure you want to delete policy 'demo-read'? (y/N): Operation canceled.\n", no.stdout());
        assertExit(1, stack.spikeWithInput("superuser", "", "policy", "delete", "demo-read"));
        assertExit(0, spike("demo", "secret", "get", "tenants/demo/db/creds"));
        Processes.Result yes = stack.spikeWithInput("superuser", "y\n", "policy", "delete", "demo-read");
        assertExit(0, yes);
        assertTrue(yes.stdout().endsWith("Policy deleted successfully.\n"), yes::toString);
        assertExit(2, spike("demo", "secret", "get", "tenants/demo/db/creds"));
        Processes.Result scripted = spike("superuser", "policy", "delete", "--yes", "demo-cipher");
        assertExit(0, scripted);
        assertEquals("Policy deleted successfully.\n", scripted.stdout());
        Processes.Result gone = spike("superuser", "policy", "delete", "--yes", "demo-cipher");
        assertExit(2, gone);
        assertEquals("Error: Policy 'demo-cipher' not found.\n", gone.stderr());
    }
}
