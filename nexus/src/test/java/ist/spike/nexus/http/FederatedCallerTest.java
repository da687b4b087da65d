package ist.spike.nexus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.devid.DevIdentityProvider;
import ist.spike.nexus.NexusFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A workload of a federated trust domain, with a real SVID from that domain's own CA over real mTLS, which
 * a policy written for spike.ist reaches: {@code ^spiffe://spike.ist/workload/app$} has an unescaped dot,
 * so it also matches {@code spiffe://spike-ist/workload/app}. It reads (upstream's semantics), Nexus logs
 * the match because no role names spike-ist, and the escaped pattern stops it.
 */
class FederatedCallerTest {
    private static final String PARTNER_TD = "spike-ist";
    private static final String PARTNER_APP = "spiffe://spike-ist/workload/app";
    private static final String POLICY = "/v1/acl/policy";
    private static final String SECRETS = "/v1/store/secrets";
    private static Path partnerDir;
    private static DevIdentityProvider partner;
    private static NexusFixture nexus;
    private static IdentitySource partnerIdentity;
    private static MtlsClient partnerClient;
    private static final Logger LOGGER = (Logger) LoggerFactory.getLogger(ForeignCallerLog.class);
    private static final ListAppender<ILoggingEvent> EVENTS = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        EVENTS.start();
        LOGGER.addAppender(EVENTS);
        partnerDir = Files.createTempDirectory(Path.of("/tmp"), "fed");
        partner = DevIdentityProvider.start(partnerDir, PARTNER_TD, Duration.ofHours(1));
        nexus = NexusFixture.sqliteFederatedWith(PARTNER_TD, partner.caCertificate());
        partner.federateWith(NexusFixture.TD, nexus.ids.caCertificate());
        Path socket = partner.serve("app", PARTNER_APP);
        partnerIdentity = IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", "unix:" + socket));
        partnerClient = MtlsClient.create(MtlsContexts.client(partnerIdentity,
                Roles.defaults().predicate(Role.NEXUS)));
    }

    @AfterAll
    static void stop() throws Exception {
        LOGGER.detachAppender(EVENTS);
        partnerClient.close();
        partnerIdentity.close();
        nexus.close();
        partner.close();
        try (var walk = Files.walk(partnerDir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static MtlsResponse partnerReads() throws Exception {
        return partnerClient.post(nexus.url(SECRETS, "get"), "application/json",
                "{\"path\":\"apps/app/creds\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static String policy(String spiffe) {
        return "{\"name\":\"app-read\",\"spiffeidPattern\":\"" + spiffe.replace("\\", "\\\\")
                + "\",\"pathPattern\":\"^apps/app/\",\"permissions\":[\"read\"]}";
    }

    private static List<String> warnings() {
        return EVENTS.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aFederatedWorkloadReachedByAnUnescapedDotReadsAndIsLoggedUntilThePatternIsEscaped() throws Exception {
        assertEquals(200, nexus.superuser(SECRETS, "", "{\"path\":\"apps/app/creds\",\"values\":{\"k\":\"v\"}}")
                .status());
        assertEquals(401, partnerReads().status(), "connected, but no policy yet");

        assertEquals(200, nexus.superuser(POLICY, "", policy("^spiffe://spike.ist/workload/app$")).status());
        MtlsResponse read = partnerReads();
        assertEquals(200, read.status(), read.bodyText());
        assertEquals("{\"data\":{\"k\":\"v\"}}", read.bodyText());
        assertEquals(List.of("caller " + PARTNER_APP + " is from trust domain spike-ist, which no SPIKE role names, "
                + "and policy 'app-read' matches it (SPIFFE ID pattern "
                + "'^spiffe://spike.ist/workload/app$')"), warnings());
        assertEquals(200, partnerReads().status());
        assertEquals(1, warnings().size(), "once per trust domain and policy");

        assertEquals(200, nexus.superuser(POLICY, "", policy("^spiffe://spike\\.ist/workload/app$")).status());
        assertEquals(401, partnerReads().status());
        assertEquals(200, nexus.post("spiffe://spike.ist/workload/app", SECRETS, "get",
                "{\"path\":\"apps/app/creds\"}").status());
        assertTrue(warnings().size() == 1, warnings()::toString);
    }
}
