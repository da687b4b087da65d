package ist.spike.nexus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.crypto.AesGcm;
import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.shamir.Shamir;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.nexus.AuthorizationMatrix.Caller;
import ist.spike.nexus.AuthorizationMatrix.Row;
import ist.spike.devid.DevIdentityProvider;
import ist.spike.nexus.testing.RawTlsClients;
import java.io.IOException;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@link AuthorizationMatrix} against a real Nexus with real mTLS: every route, every kind of
 * caller, exactly the expected status. Default deny is visible in the table: a caller a row does not
 * name gets 401.
 */
class AuthorizationMatrixTest {
    private static NexusFixture nexus;
    private static AesGcm rootKey;
    private static final Map<Caller, MtlsClient> unvouched = new EnumMap<>(Caller.class);
    private static DevIdentityProvider foreign;

    @BeforeAll
    static void start() throws Exception {
        SecretBytes key = Shamir.newRootKey();
        rootKey = AesGcm.create(key);
        nexus = NexusFixture.sqliteWithKey(key);
        for (String policy : AuthorizationMatrix.POLICIES) {
            MtlsResponse r = nexus.superuser("/v1/acl/policy", "", policy);
            assertEquals(200, r.status(), r.bodyText());
        }
        MtlsResponse seeded = nexus.superuser("/v1/store/secrets", "",
                "{\"path\":\"" + AuthorizationMatrix.SECRET + "\",\"values\":{\"k\":\"v\"}}");
        assertEquals(200, seeded.status());
        unvouched.put(Caller.NO_CLIENT_CERTIFICATE, RawTlsClients.anonymous());
        // Another trust domain with a CA of its own, whose bundle Nexus does not have.
        foreign = DevIdentityProvider.start(nexus.dir.resolve("foreign"), "other.td", Duration.ofHours(1));
        unvouched.put(Caller.FOREIGN_TRUST_DOMAIN,
                RawTlsClients.presenting(foreign.mint(Caller.FOREIGN_TRUST_DOMAIN.id)));
    }

    @AfterAll
    static void stop() throws Exception {
        unvouched.values().forEach(MtlsClient::close);
        if (foreign != null) {
            foreign.close();
        }
        nexus.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRouteAndCaller() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : AuthorizationMatrix.ROWS) {
            for (Caller caller : Caller.values()) {
                tests.add(DynamicTest.dynamicTest(row.route() + " as " + caller + " -> " + row.expected(caller),
                        () -> assertEquals(row.expected(caller), call(row, caller),
                                () -> row.route() + " as " + caller)));
            }
        }
        return tests.stream();
    }

    /** The HTTP status, or TLS_REFUSED when the handshake failed. */
    private static int call(Row row, Caller caller) throws Exception {
        row.setup().run(nexus);
        byte[] body = row.body().make(rootKey).getBytes(StandardCharsets.UTF_8);
        try {
            MtlsResponse r = caller.isVouchedFor()
                    ? nexus.post(caller.id, row.path(), row.action(), "application/json", body)
                    : unvouched.get(caller).post(nexus.url(row.path(), row.action()), "application/json", body);
            if (r.status() == 200) {
                assertTrue(r.bodyText().isEmpty() || !r.bodyText().contains("\"err\""), r.bodyText());
            }
            return r.status();
        } catch (IOException e) {
            return AuthorizationMatrix.TLS_REFUSED;
        }
    }
}
