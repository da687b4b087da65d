package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.client.SpikeClient;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Roles;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Writers put secrets through the API while Nexus is killed with SIGKILL; after a restart with no human,
 * every write Nexus had acknowledged is there.
 */
class AcknowledgedWritesSurviveSigkillTest {
    private static final int WRITERS = 8;

    @Test
    void noAcknowledgedWriteIsLost() throws Exception {
        try (LocalStack stack = new LocalStack(3)) {
            stack.startIdentity().startKeepers();
            stack.startNexus();
            stack.awaitNexusReady(LocalStack.READY_LIMIT);
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            try (SpikeClient client = superuser(stack);
                    var writers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers.submit(() -> {
                        for (int n = 0; !stop.get(); n++) {
                            String path = "durable/w" + writer + "/n" + n;
                            String value = "v" + writer + "-" + n;
                            try {
                                client.putSecret(path, Map.of("value", value));
                                acknowledged.put(path, value);
                            } catch (RuntimeException e) {
                                return; // Nexus is gone; what was not acknowledged may or may not be stored
                            }
                        }
                    });
                }
                Thread.sleep(3000);
                stack.kill9("nexus");
                stop.set(true);
            }
            System.out.println("[e2e] " + acknowledged.size() + " writes acknowledged before SIGKILL");
            assertTrue(acknowledged.size() > 50, "too few writes to prove anything: " + acknowledged.size());

            stack.startNexus();
            stack.awaitNexusReady(LocalStack.READY_LIMIT);
            try (SpikeClient client = superuser(stack)) {
                List<String> paths = client.listSecrets();
                for (var entry : acknowledged.entrySet()) {
                    assertTrue(paths.contains(entry.getKey()), entry.getKey() + " was acknowledged but is gone");
                    assertEquals(Map.of("value", entry.getValue()), client.getSecret(entry.getKey()));
                }
            }
        }
    }

    private static SpikeClient superuser(LocalStack stack) {
        return SpikeClient.connect(IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", stack.socket("superuser"))),
                URI.create("https://localhost:" + stack.nexusPort), Roles.defaults());
    }
}
