package ist.spike.nexus.tls;

import static ist.spike.nexus.tls.TlsTestSupport.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.spiffe.WorkloadApiIdentitySource;
import ist.spike.common.testsupport.ShortTempDirs;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.common.tls.TlsEngine;
import ist.spike.devid.DevIdentityProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The FIPS engine (BCJSSE over BCFIPS) against itself and against the JDK's SunJSSE. */
class BcJsseTest {
    @Test
    void bcjsseServerAndClientsOfBothEnginesAgree() throws Exception {
        Roles roles = Roles.defaults();
        try (var provider = DevIdentityProvider.start(ShortTempDirs.create("bc"), "spike.ist", Duration.ofMinutes(10));
             var keeper = WorkloadApiIdentitySource.open(
                     "unix:" + provider.serve("keeper", "spiffe://spike.ist/spike/keeper"), Duration.ofSeconds(10));
             var nexus = WorkloadApiIdentitySource.open(
                     "unix:" + provider.serve("nexus", "spiffe://spike.ist/spike/nexus"), Duration.ofSeconds(10));
             var lite = WorkloadApiIdentitySource.open(
                     "unix:" + provider.serve("lite", "spiffe://spike.ist/spike/workload/role/lite"), Duration.ofSeconds(10));
             var server = WhoAmIServer.start(MtlsContexts.create(keeper,
                     roles.anyOf(Role.NEXUS, Role.BOOTSTRAP), TlsEngine.BC_FIPS))) {

            for (TlsEngine engine : TlsEngine.values()) {
                try (var client = MtlsClient.create(MtlsContexts.create(nexus, roles.predicate(Role.KEEPER), engine))) {
                    MtlsResponse response = client.post(server.uri("/whoami"), "text/plain", new byte[0]);
                    assertEquals(200, response.status(), engine.name());
                    assertEquals("spiffe://spike.ist/spike/nexus", response.bodyText(), engine.name());
                }
            }
            try (var wrongRole = MtlsClient.create(TlsTestSupport.trustingClient(lite))) {
                assertRefused(server, () -> wrongRole.post(server.uri("/whoami"), "text/plain", new byte[0]));
            }
        }
    }
}
