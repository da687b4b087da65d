package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The metrics of what Nexus refuses, on a real Nexus (in-memory store) with small limits and its audit
 * trail going to a pipe: an audit sink that fails, a body too large, a caller over its rate. Last, the
 * health listener is the only port it adds, and none when it is off.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NexusRefusalMetricsTest {
    private static final String SECRETS = "/v1/store/secrets";
    private static final String REQUESTS = "spike_nexus_requests_total";
    private static final String AUDIT_FAILURES = "spike_nexus_audit_write_failures_total";
    private static final String AUDIT_WRITTEN = "spike_nexus_audit_lines_written_total";
    private static final int MAX_BODY = 1024;
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private static final int health = Processes.freePort();
    private static LocalStack stack;
    private static AuditPipe audit;

    @BeforeAll
    static void start() throws Exception {
        stack = new LocalStack(0);
        audit = new AuditPipe(stack.root.resolve("audit.fifo"));
        audit.startReading();
        stack.nexusEnv("SPIKE_NEXUS_BACKEND_STORE", "memory");
        stack.nexusEnv("SPIKE_NEXUS_HEALTH_ADDRESS", "127.0.0.1:" + health);
        stack.nexusEnv("SPIKE_AUDIT_SINK", audit.path.toString());
        stack.nexusEnv("SPIKE_AUDIT_TIMEOUT", "1s");
        stack.nexusEnv("SPIKE_NEXUS_MAX_REQUEST_BODY_BYTES", Integer.toString(MAX_BODY));
        stack.nexusEnv("SPIKE_NEXUS_RATE_LIMIT_PER_SECOND", "5");
        stack.nexusEnv("SPIKE_NEXUS_RATE_LIMIT_BURST", "10");
        stack.startIdentity().startNexus();
        stack.awaitNexusReady(LocalStack.READY_LIMIT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (audit != null) {
            audit.close();
        }
    }

    @Test
    @Order(1)
    void anAuditSinkThatFailsIsCountedAndItsRequestsAreRefused() throws Exception {
        Scrape before = Scrape.of(health);
        ok(stack.spike("superuser", "secret", "put", "audit/kept", "k=v"));
        Scrape audited = Scrape.of(health);
        assertEquals(2, Scrape.delta(before, audited, AUDIT_WRITTEN), "a request line and a response line");
        assertEquals(0, Scrape.delta(before, audited, AUDIT_FAILURES));

        audit.stopReading(); // the audit shipper died
        try (IdentitySource identity = identity("superuser"); MtlsClient superuser = client(identity)) {
            MtlsResponse refused = superuser.post(api(SECRETS + "?action=get"), "application/json",
                    "{\"path\":\"audit/kept\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(503, refused.status(), refused::toString);
            assertTrue(refused.bodyText().contains("state_not_ready"), refused::toString);
        }
        Processes.Result cli = stack.spike("superuser", "secret", "get", "audit/kept", "k");
        assertNotEquals(0, cli.exitCode(), cli::toString);
        Scrape failing = Scrape.of(health);
        assertTrue(Scrape.delta(audited, failing, AUDIT_FAILURES) >= 2, () -> failing.family(AUDIT_FAILURES));
        assertEquals(2, Scrape.delta(audited, failing, REQUESTS, "route", SECRETS, "action", "get", "status", "503"));

        audit.startReading(); // back: requests are served, and no more failures are counted
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Processes.Result served = stack.spike("superuser", "secret", "get", "audit/kept", "k");
        while (served.exitCode() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            served = stack.spike("superuser", "secret", "get", "audit/kept", "k");
        }
        assertEquals("v", ok(served).stdout().trim());
        Scrape recovered = Scrape.of(health);
        ok(stack.spike("superuser", "secret", "get", "audit/kept", "k"));
        Scrape steady = Scrape.of(health);
        assertEquals(0, Scrape.delta(recovered, steady, AUDIT_FAILURES));
        assertEquals(2, Scrape.delta(recovered, steady, AUDIT_WRITTEN));
    }

    @Test
    @Order(2)
    void aBodyTooLargeAndACallerOverItsRateAreCounted() throws Exception {
        Scrape before = Scrape.of(health);
        Processes.Result tooLarge = stack.spike("superuser", "secret", "put", "limits/big", "k=" + "x".repeat(2 * MAX_BODY));
        assertNotEquals(0, tooLarge.exitCode(), tooLarge::toString);
        Scrape afterBody = Scrape.of(health);
        assertEquals(1, Scrape.delta(before, afterBody, "spike_nexus_request_bodies_refused_total", "reason", "too_large"));
        assertEquals(0, Scrape.delta(before, afterBody, "spike_nexus_request_bodies_refused_total", "reason", "budget"));
        assertEquals(1, Scrape.delta(before, afterBody, REQUESTS, "route", SECRETS, "action", "none", "status", "400"));

        int refused = 0;
        try (IdentitySource identity = identity("lite"); MtlsClient lite = client(identity)) {
            for (int i = 0; i < 40; i++) {
                MtlsResponse r = lite.post(api("/v1/cipher/encrypt"), "application/json",
                        "{\"plaintext\":\"AAAA\"}".getBytes(StandardCharsets.UTF_8));
                if (r.status() == 429) {
                    refused++;
                }
            }
        }
        assertTrue(refused > 0, "the burst was not limited");
        Scrape afterBurst = Scrape.of(health);
        assertEquals(refused, Scrape.delta(afterBody, afterBurst, "spike_nexus_rate_limited_requests_total"));
        assertEquals(afterBody.value("spike_nexus_rate_limited_callers") + 1,
                afterBurst.value("spike_nexus_rate_limited_callers"), "one more caller refused, never who");
    }

    @Test
    @Order(3)
    void theHealthListenerIsTheOnlyPortItAddsAndNoneWhenOff() throws Exception {
        assertEquals(List.of(Math.min(health, stack.nexusPort), Math.max(health, stack.nexusPort)),
                ListeningPorts.of(stack.process("nexus").pid()));

        stack.kill9("nexus");
        stack.removeNexusEnv("SPIKE_NEXUS_HEALTH_ADDRESS");
        stack.nexusEnv("SPIKE_AUDIT_SINK", "stdout");
        stack.startNexus();
        stack.awaitNexusReady(LocalStack.READY_LIMIT);
        assertEquals(List.of(stack.nexusPort), ListeningPorts.of(stack.process("nexus").pid()));
        assertThrows(IOException.class, () -> Scrape.get(health, "/live"));
    }

    private static URI api(String path) {
        return URI.create("https://localhost:" + stack.nexusPort + path);
    }

    private static IdentitySource identity(String name) {
        return IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", stack.socket(name)));
    }

    private static MtlsClient client(IdentitySource identity) {
        return MtlsClient.create(MtlsContexts.client(identity, Roles.defaults().predicate(Role.NEXUS)));
    }

    private static Processes.Result ok(Processes.Result r) {
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }
}
