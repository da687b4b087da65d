package ist.spike.nexus.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ist.spike.common.validate.Permission;
import ist.spike.nexus.store.Backend;
import ist.spike.nexus.testing.TestStores;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Strict mode on the service: an unanchored policy is never written, and one stored before strict mode was
 * turned on still applies (turning the setting on must not cut workloads off) but is named in a warning.
 */
class StrictPolicyServiceTest {
    private static final String APP = "spiffe://spike.ist/workload/app";
    private static final List<Permission> READ = List.of(Permission.READ);
    private final Logger logger = (Logger) LoggerFactory.getLogger(PolicyService.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Backend backend;

    @BeforeEach
    void setUp() {
        events.start();
        logger.addAppender(events);
        backend = TestStores.memory();
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(events);
    }

    @Test
    void anUnanchoredPolicyIsNotWritten() {
        PolicyService strict = new PolicyService(backend, Clock.systemUTC(), true);
        strict.load();
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
                () -> strict.put("app-read", APP, "^apps/app/", READ));
        assertEquals("policy app-read: SPIFFE ID pattern '" + APP + "' is not anchored: it does not start with "
                + "^spiffe://, so it matches anywhere in a caller's ID, in any trust domain "
                + "(SPIKE_NEXUS_POLICY_STRICT=true)", e.getMessage());
        assertEquals(0, strict.size());
        assertTrue(strict.get("app-read").isEmpty());
    }

    @Test
    void onesStoredBeforeStillApplyAndAreLogged() throws Exception {
        PolicyService lenient = new PolicyService(backend, Clock.systemUTC());
        lenient.load();
        lenient.put("app-read", APP, "^apps/app/", READ);
        lenient.put("anchored", "^spiffe://spike\\.ist/workload/b$", "^apps/b/", READ);

        PolicyService strict = new PolicyService(backend, Clock.systemUTC(), true);
        strict.load();
        assertTrue(strict.allows(APP + "-evil", "apps/app/x", READ));
        List<String> warnings = events.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("policy app-read: SPIFFE ID pattern '" + APP + "' is not anchored"),
                warnings::toString);
    }
}
