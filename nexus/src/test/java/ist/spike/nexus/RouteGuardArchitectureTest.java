package ist.spike.nexus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.nexus.http.Route;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every route declares a guard, no guard lets a stranger in, and every route has its row in the
 * {@link AuthorizationMatrix}: a new route without a real guard, or without a decision on who may call
 * it, fails the build here.
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

    @Test
    void everyRouteHasARowInTheAuthorizationMatrixAndEveryRowARoute() throws Exception {
        Set<String> matrix = AuthorizationMatrix.ROWS.stream().map(AuthorizationMatrix.Row::route)
                .collect(Collectors.toSet());
        assertEquals(AuthorizationMatrix.ROWS.size(), matrix.size(), "a route has two rows");
        try (NexusFixture nexus = NexusFixture.sqlite()) {
            Set<String> served = nexus.server.routes().routes().stream()
                    .map(r -> r.path() + (r.action().isEmpty() ? "" : "?action=" + r.action()))
                    .collect(Collectors.toSet());
            for (String route : served) {
                assertTrue(matrix.contains(route), route + " has no row in AuthorizationMatrix");
            }
            for (String row : matrix) {
                assertTrue(served.contains(row), "AuthorizationMatrix has a row for " + row + ", which is not served");
            }
        }
    }
}
