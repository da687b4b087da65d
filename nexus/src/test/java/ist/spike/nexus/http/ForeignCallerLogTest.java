package ist.spike.nexus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.spiffe.spiffeid.SpiffeId;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.validate.Permission;
import ist.spike.nexus.policy.PolicyService;
import ist.spike.nexus.testing.TestStores;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A policy that matches a caller from a trust domain no role names is logged, once per trust domain and
 * policy, through the access checks Nexus's routes make. The policy here is written for spike.ist with an
 * unescaped dot, so it also matches the federated trust domain spike-ist.
 */
class ForeignCallerLogTest {
    private static final String SECRET_PAYLOAD = "s3cret-value";
    private final Logger logger = (Logger) LoggerFactory.getLogger(ForeignCallerLog.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private PolicyService policies;

    @BeforeEach
    void setUp() throws Exception {
        events.start();
        logger.addAppender(events);
        policies = new PolicyService(TestStores.memory(), Clock.systemUTC());
        policies.load();
        policies.put("apps-read", "^spiffe://spike.ist/workload/app$", "^apps/app/", List.of(Permission.READ));
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(events);
    }

    private List<String> warnings() {
        return events.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void aForeignCallerThatAPolicyMatchesIsLoggedOnce() {
        Access access = new Access(Roles.defaults(), policies);
        SpiffeId federated = SpiffeId.parse("spiffe://spike-ist/workload/app");
        assertTrue(access.mayAsk(federated));
        assertTrue(access.secret(federated, "apps/app/" + SECRET_PAYLOAD, Permission.READ), "upstream semantics");
        access.cipher(federated);
        assertEquals(List.of("caller spiffe://spike-ist/workload/app is from trust domain spike-ist, which no SPIKE "
                + "role names, and policy 'apps-read' matches it (SPIFFE ID pattern "
                + "'^spiffe://spike.ist/workload/app$')"), warnings());
        assertFalse(warnings().get(0).contains(SECRET_PAYLOAD), "no request data in the line");

        SpiffeId sameDomain = SpiffeId.parse("spiffe://spike-ist/other/workload/app");
        assertFalse(access.secret(sameDomain, "apps/app/x", Permission.READ));
        assertEquals(1, warnings().size(), "logged once per trust domain and policy");
    }

    @Test
    void callersOfARolesTrustDomainAndCallersNoPolicyMatchesAreNotLogged() throws Exception {
        Access access = new Access(Roles.fromEnv(Map.of("SPIKE_TRUST_ROOT_LITE_WORKLOAD", "spike-ist")), policies);
        assertTrue(access.secret(SpiffeId.parse("spiffe://spike.ist/workload/app"), "apps/app/x", Permission.READ));
        assertTrue(access.secret(SpiffeId.parse("spiffe://spike-ist/workload/app"), "apps/app/x", Permission.READ));
        assertFalse(access.secret(SpiffeId.parse("spiffe://partner.example/workload/app"), "apps/app/x",
                Permission.READ));
        assertEquals(List.of(), warnings());

        policies.put("apps-read", "^spiffe://spike\\.ist/workload/app$", "^apps/app/", List.of(Permission.READ));
        Access defaults = new Access(Roles.defaults(), policies);
        assertFalse(defaults.secret(SpiffeId.parse("spiffe://spike-ist/workload/app"), "apps/app/x", Permission.READ),
                "anchored: the federated workload is no longer matched");
        assertEquals(List.of(), warnings());
    }
}
