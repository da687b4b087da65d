package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A lite workload sends hundreds of 1 MiB bodies at once to a real Nexus started by dist/bin/nexus
 * with the launcher's 80 MiB heap. Nexus refuses what does not fit its body budget (429, unread), keeps
 * answering another identity all along, and is still alive afterwards: it never ran out of memory.
 */
class RequestFloodTest {
    private static final int FLOOD = 300;
    private static final int BODY_BYTES = 1024 * 1024;

    @Test
    void hundredsOfConcurrentMebibyteBodiesLeaveNexusAliveAndServingOthers() throws Exception {
        try (LocalStack stack = LocalStack.inMemoryNexus(Map.of());
                IdentitySource lite = IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", stack.socket("lite")));
                IdentitySource superuser = IdentitySources.open(
                        Map.of("SPIFFE_ENDPOINT_SOCKET", stack.socket("superuser")));
                MtlsClient flooder = MtlsClient.create(MtlsContexts.client(lite, Roles.defaults().predicate(Role.NEXUS)),
                        Duration.ofSeconds(120), Duration.ofSeconds(180));
                MtlsClient other = MtlsClient.create(
                        MtlsContexts.client(superuser, Roles.defaults().predicate(Role.NEXUS)))) {
            URI encrypt = URI.create("https://localhost:" + stack.nexusPort + "/v1/cipher/encrypt");
            URI list = URI.create("https://localhost:" + stack.nexusPort + "/v1/store/secrets?action=list");
            byte[] body = ("{\"plaintext\":\"" + "A".repeat(BODY_BYTES - 16) + "\"}").getBytes(StandardCharsets.US_ASCII);
            // The other workload is connected already (clients keep pooled connections): the connection cap
            // is for all callers together, so new connections wait while the flood holds every slot.
            assertEquals(200, other.post(list, "application/json", "{}".getBytes(StandardCharsets.UTF_8)).status());
            Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            CountDownLatch go = new CountDownLatch(1);
            try (ExecutorService flood = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < FLOOD; i++) {
                    flood.submit(() -> {
                        go.await();
                        String outcome;
                        try {
                            outcome = Integer.toString(flooder.post(encrypt, "application/json", body).status());
                        } catch (IOException e) {
                            outcome = "connection closed";
                        }
                        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                        return null;
                    });
                }
                go.countDown();
                for (int i = 0; i < 5; i++) {
                    MtlsResponse r;
                    try {
                        r = other.post(list, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new AssertionError("another identity during the flood: " + e + "; Nexus alive: "
                                + stack.process("nexus").isAlive() + "\n" + stack.logTail("nexus"), e);
                    }
                    assertEquals(200, r.status(), "another identity during the flood");
                }
            }
            assertTrue(stack.process("nexus").isAlive(), () -> "Nexus died; outcomes " + outcomes + "\n"
                    + stack.logTail("nexus"));
            assertFalse(Files.readString(stack.log("nexus")).contains("OutOfMemoryError"), stack.logTail("nexus"));
            assertTrue(outcomes.containsKey("429"), () -> "nothing refused for want of room: " + outcomes);
            System.out.println("flood outcomes: " + outcomes);
            assertEquals(200, other.post(list, "application/json", "{}".getBytes(StandardCharsets.UTF_8)).status());
        }
    }
}
