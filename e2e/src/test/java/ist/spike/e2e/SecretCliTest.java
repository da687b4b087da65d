package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real `spike` against a real Nexus: stdout, stderr and exit codes as an operator sees them. */
class SecretCliTest {
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.inMemoryNexus(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static Processes.Result spike(String... args) throws Exception {
        return stack.spike("superuser", args);
    }

    private static void assertResult(int exit, String stdout, String stderr, Processes.Result r) {
        assertEquals(exit, r.exitCode(), r::toString);
        assertEquals(stdout, r.stdout(), r::toString);
        assertEquals(stderr, r.stderr(), r::toString);
    }

    @Test
    void putGetAndFormats() throws Exception {
        assertResult(0, "OK\n", "", spike("secret", "put", "cli/db", "user=admin", "pass=a=b=c"));
        assertResult(0, "pass: a=b=c\nuser: admin\n", "", spike("secret", "get", "cli/db"));
        assertResult(0, "admin", "", spike("secret", "get", "cli/db", "user")); // raw: no newline added
        assertResult(0, "{\n    \"pass\": \"a=b=c\",\n    \"user\": \"admin\"\n}\n", "",
                spike("secret", "get", "cli/db", "-f", "json"));
        assertResult(0, "pass: a=b=c\nuser: admin\n", "", spike("secret", "get", "cli/db", "--format", "yaml"));
        assertResult(2, "", "Error: Key not found.\n", spike("secret", "get", "cli/db", "nokey"));
    }

    @Test
    void versionsDeleteUndeleteAndMetadata() throws Exception {
        spike("secret", "put", "cli/ver", "v=1");
        spike("secret", "put", "cli/ver", "v=2");
        assertResult(0, "v: 1\n", "", spike("secret", "get", "cli/ver", "-v", "1"));
        assertResult(0, "OK\n", "", spike("secret", "delete", "cli/ver", "--versions", "2"));
        assertResult(0, "v: 1\n", "", spike("secret", "get", "cli/ver"));
        Processes.Result meta = spike("secret", "metadata", "get", "cli/ver");
        assertEquals(0, meta.exitCode(), meta::toString);
        assertTrue(meta.stdout().contains("Current Version : 1\n"), meta::toString);
        assertTrue(meta.stdout().contains("Version 2:\n"), meta::toString);
        assertTrue(meta.stdout().contains("  Deleted: "), meta::toString);
        assertResult(0, "OK\n", "", spike("secret", "undelete", "cli/ver", "-v", "2"));
        assertResult(0, "v: 2\n", "", spike("secret", "get", "cli/ver"));
        Processes.Result json = spike("secret", "metadata", "get", "cli/ver", "-f", "json");
        assertTrue(json.stdout().contains("\"currentVersion\": 2"), json::toString);
    }

    @Test
    void listHumanJsonAndEmpty() throws Exception {
        try (LocalStack empty = LocalStack.inMemoryNexus(Map.of())) {
            assertResult(0, "No secrets found.\n", "", empty.spike("superuser", "secret", "list"));
            assertResult(0, "[]\n", "", empty.spike("superuser", "secret", "list", "-f", "json"));
            empty.spike("superuser", "secret", "put", "b", "k=v");
            empty.spike("superuser", "secret", "put", "a/c", "k=v");
            assertResult(0, "- a/c\n- b\n", "", empty.spike("superuser", "secret", "list"));
            assertResult(0, "[\n  \"a/c\",\n  \"b\"\n]\n", "", empty.spike("superuser", "secret", "list", "-f", "j"));
        }
    }

    /** A Workload API over TCP takes the full class path (java-spiffe's gRPC client); its failure is one line. */
    @Test
    void aWorkloadApiOverTcpThatNobodyServesIsOneLine() throws Exception {
        Processes.Result r = Processes.run(Map.of("SPIFFE_ENDPOINT_SOCKET", "tcp://127.0.0.1:1",
                "SPIKE_SPIFFE_SOURCE_TIMEOUT", "1s"), null, Duration.ofSeconds(60), "spike", "secret", "list");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().startsWith("Error: no SPIFFE identity: no X.509-SVID from the SPIFFE Workload API at"
                + " tcp://127.0.0.1:1 within 1s: Unavailable: "), r::toString);
        assertTrue(r.stderr().endsWith(" (is the SPIRE agent running, and is this workload registered?"
                + " set SPIFFE_ENDPOINT_SOCKET or SPIKE_SVID_DIR)\n"), r::toString);
        assertEquals(1, r.stderr().lines().count(), r::toString);
    }

    /** The CLI on java-spiffe's Workload API client when asked: the launcher gives it the full class path. */
    @Test
    void javaSpiffesWorkloadApiClientOnRequest() throws Exception {
        assertResult(0, "OK\n", "", spike("secret", "put", "cli/js", "k=v"));
        assertResult(0, "k: v\n", "", stack.spikeWithEnv("superuser",
                Map.of("SPIKE_WORKLOAD_API_CLIENT", "java-spiffe"), null, "secret", "get", "cli/js"));
        assertResult(1, "", "Error: SPIKE_WORKLOAD_API_CLIENT: \"grpc\" is not a Workload API client (expected"
                + " builtin, the default, or java-spiffe)\n", stack.spikeWithEnv("superuser",
                Map.of("SPIKE_WORKLOAD_API_CLIENT", "grpc"), null, "secret", "get", "cli/js"));
    }

    @Test
    void usageErrorsExitOneAndSendNothing() throws Exception {
        assertResult(1, "", "Error: invalid key-value pair 'val...' (expected key=value)\n",
                spike("secret", "put", "cli/bad", "value-without-equals"));
        assertResult(1, "", "Error: Missing required parameter: '<key=value>'\nRun 'spike secret put --help' for usage.\n",
                spike("secret", "put", "cli/bad"));
        assertResult(1, "", "Error: invalid secret path 'bad path'\n", spike("secret", "put", "bad path", "k=v"));
        assertResult(1, "", "Error: invalid version '-1' (expected a whole number >= 0)\n",
                spike("secret", "delete", "cli/bad", "-v", "-1"));
        assertResult(1, "", "Error: Invalid value for option '--format': invalid format 'xml' (expected human, json or yaml)\n"
                + "Run 'spike secret list --help' for usage.\n", spike("secret", "list", "-f", "xml"));
        assertEquals(2, spike("secret", "get", "cli/bad").exitCode(), "nothing was stored");
    }

    @Test
    void apiErrorsExitTwo() throws Exception {
        assertResult(2, "", "Error: Resource not found.\n", spike("secret", "get", "cli/missing"));
        Processes.Result denied = stack.spike("recover", "secret", "list");
        assertResult(2, "", "Error: Unauthorized access: this SPIFFE ID may not do that.\n", denied);
    }

    @Test
    void helpAndVersion() throws Exception {
        Processes.Result help = spike("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("SPIKE - Secure your secrets with SPIFFE."), help::toString);
        Processes.Result version = spike("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.stdout().startsWith("spike (SPIKE for Java) "), version::toString);
    }

    @Test
    void unreachableNexusIsAClearError() throws Exception {
        Processes.Result r = Processes.run(java.util.Map.of("SPIFFE_ENDPOINT_SOCKET", stack.socket("superuser"),
                "SPIKE_NEXUS_API_URL", "https://localhost:" + Processes.freePort()), null, LocalStack.COMMAND_LIMIT,
                "spike", "secret", "list");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().startsWith("Error: Failed to connect to SPIKE Nexus: cannot reach https://localhost:"),
                r::toString);
        assertEquals(1, r.stderr().lines().count(), r::toString);
    }
}
