package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo workload (an application on the Java client) is refused until a policy grants it its path. */
class DemoWorkloadTest {
    @Test
    void theDemoWorksOnlyUnderItsPolicy() throws Exception {
        try (LocalStack stack = LocalStack.inMemoryNexus(Map.of())) {
            Map<String, String> demoEnv = Map.of("SPIFFE_ENDPOINT_SOCKET", stack.socket("demo"),
                    "SPIKE_NEXUS_API_URL", "https://localhost:" + stack.nexusPort);

            Processes.Result refused = Processes.run(demoEnv, null, LocalStack.COMMAND_LIMIT, "spike-demo");
            assertEquals(2, refused.exitCode(), refused::toString);
            assertTrue(refused.stderr().contains("Nexus refused this workload (401)"), refused::toString);

            Processes.Result grant = stack.spike("superuser", "policy", "apply", "--name", "demo-rw",
                    "--spiffeid-pattern", "^spiffe://spike\\.ist/workload/demo$",
                    "--path-pattern", "^tenants/demo/db/.*$", "--permissions", "read,write");
            assertEquals(0, grant.exitCode(), grant::toString);

            Processes.Result ok = Processes.run(demoEnv, null, LocalStack.COMMAND_LIMIT, "spike-demo");
            assertEquals(0, ok.exitCode(), ok::toString);
            assertTrue(ok.stdout().contains("Read tenants/demo/db/creds: username=demo-app"), ok::toString);
            assertEquals("password: correct-horse-battery-staple\nusername: demo-app\n",
                    stack.spike("superuser", "secret", "get", "tenants/demo/db/creds").stdout());
        }
    }
}
