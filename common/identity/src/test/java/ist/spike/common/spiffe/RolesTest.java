package ist.spike.common.spiffe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spiffe.spiffeid.SpiffeId;
import io.spiffe.spiffeid.TrustDomain;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolesTest {
    private static SpiffeId id(String text) {
        return SpiffeId.parse(text);
    }

    private final Roles defaults = Roles.defaults();

    @Test
    void exactIdMatches() {
        assertTrue(defaults.is(Role.NEXUS, id("spiffe://spike.ist/spike/nexus")));
        assertTrue(defaults.is(Role.KEEPER, id("spiffe://spike.ist/spike/keeper")));
        assertTrue(defaults.is(Role.BOOTSTRAP, id("spiffe://spike.ist/spike/bootstrap")));
        assertTrue(defaults.is(Role.PILOT_SUPERUSER, id("spiffe://spike.ist/spike/pilot/role/superuser")));
        assertTrue(defaults.is(Role.PILOT_RECOVER, id("spiffe://spike.ist/spike/pilot/role/recover")));
        assertTrue(defaults.is(Role.PILOT_RESTORE, id("spiffe://spike.ist/spike/pilot/role/restore")));
        assertTrue(defaults.is(Role.LITE_WORKLOAD, id("spiffe://spike.ist/spike/workload/role/lite")));
    }

    @Test
    void childPathMatches() {
        assertTrue(defaults.is(Role.NEXUS, id("spiffe://spike.ist/spike/nexus/instance-1")));
        assertTrue(defaults.is(Role.LITE_WORKLOAD, id("spiffe://spike.ist/spike/workload/role/lite/app/a")));
    }

    @Test
    void aLongerNameWithTheSamePrefixDoesNotMatch() {
        assertFalse(defaults.is(Role.NEXUS, id("spiffe://spike.ist/spike/nexusevil")));
        assertFalse(defaults.is(Role.PILOT_RECOVER, id("spiffe://spike.ist/spike/pilot/role/recovery")));
        assertFalse(defaults.is(Role.NEXUS, id("spiffe://spike.ist/spike")));
        assertFalse(defaults.is(Role.NEXUS, id("spiffe://spike.ist/other/spike/nexus")));
    }

    @Test
    void rolesDoNotStandInForEachOther() {
        assertFalse(defaults.is(Role.PILOT_SUPERUSER, id("spiffe://spike.ist/spike/pilot/role/recover")));
        assertFalse(defaults.is(Role.KEEPER, id("spiffe://spike.ist/spike/nexus")));
        assertFalse(defaults.is(Role.NEXUS, null));
    }

    @Test
    void anotherTrustDomainDoesNotMatch() {
        assertFalse(defaults.is(Role.NEXUS, id("spiffe://evil.org/spike/nexus")));
        assertFalse(defaults.is(Role.NEXUS, id("spiffe://spike.ist.evil.org/spike/nexus")));
    }

    @Test
    void severalTrustDomainsPerRole() {
        Roles roles = Roles.of(Map.of(Role.NEXUS, List.of("spike.ist", " example.org ", "")));
        assertTrue(roles.is(Role.NEXUS, id("spiffe://spike.ist/spike/nexus")));
        assertTrue(roles.is(Role.NEXUS, id("spiffe://example.org/spike/nexus/x")));
        assertFalse(roles.is(Role.NEXUS, id("spiffe://other.org/spike/nexus")));
        assertEquals(List.of(TrustDomain.parse("spike.ist")), roles.trustDomains(Role.KEEPER), "unlisted role gets the default");
    }

    @Test
    void fromEnvironmentWithPilotCoveringItsThreeRoles() {
        Roles roles = Roles.fromEnv(Map.of(
                "SPIKE_TRUST_ROOT_PILOT", "ops.example.org,spike.ist",
                "SPIKE_TRUST_ROOT_KEEPER", "k.example.org",
                "SPIKE_TRUST_ROOT_NEXUS", ""));
        for (Role pilot : List.of(Role.PILOT_SUPERUSER, Role.PILOT_RECOVER, Role.PILOT_RESTORE)) {
            assertEquals(List.of(TrustDomain.parse("ops.example.org"), TrustDomain.parse("spike.ist")),
                    roles.trustDomains(pilot));
        }
        assertTrue(roles.is(Role.KEEPER, id("spiffe://k.example.org/spike/keeper")));
        assertFalse(roles.is(Role.KEEPER, id("spiffe://spike.ist/spike/keeper")));
        assertTrue(roles.is(Role.NEXUS, id("spiffe://spike.ist/spike/nexus")), "empty means default");
        assertTrue(roles.is(Role.LITE_WORKLOAD, id("spiffe://spike.ist/spike/workload/role/lite")));
    }

    @Test
    void anInvalidTrustDomainNamesItsVariable() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Roles.fromEnv(Map.of("SPIKE_TRUST_ROOT_BOOTSTRAP", "Bad Domain")));
        assertTrue(e.getMessage().contains("SPIKE_TRUST_ROOT_BOOTSTRAP"), e.getMessage());
    }

    @Test
    void anyOfAcceptsEachListedRoleOnly() {
        var keeperClients = defaults.anyOf(Role.NEXUS, Role.BOOTSTRAP);
        assertTrue(keeperClients.test(id("spiffe://spike.ist/spike/nexus")));
        assertTrue(keeperClients.test(id("spiffe://spike.ist/spike/bootstrap")));
        assertFalse(keeperClients.test(id("spiffe://spike.ist/spike/keeper")));
        assertTrue(keeperClients.toString().contains("spiffe://spike.ist/spike/bootstrap[/...]"), keeperClients.toString());
    }
}
