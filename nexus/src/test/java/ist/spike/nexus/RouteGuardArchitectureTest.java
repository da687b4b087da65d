package ist.spike.nexus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.nexus.http.Route;
import org.junit.jupiter.api.Test;

/**
 * Every route declares a guard, and no guard lets a stranger in: a new route without a real guard
 * fails the build here.
 */
class RouteGuardArchitectureTest {
    private static final String STRANGER = "spiffe://spike.ist/workload/stranger";

    @Test
    void everyRouteHasAGuardThatRefusesAStranger() throws Exception {
        try (NexusFixture nexus = NexusFixture.sqlite()) {
            assertFalse(nexus.server.routes().routes().isEmpty());
            for (Route<?> route : nexus.server.routes().routes()) {
                assertNotNull(route.guard(), route + " has no guard");
                assertFalse(route.guard().admits(SpiffeId.parse(STRANGER)), route + " admits anyone");
                MtlsResponse r = nexus.post(STRANGER, route.path(), route.action(), "{}");
                assertEquals(401, r.status(), route + " answered " + r.status() + " " + r.bodyText());
            }
        }
    }
}
