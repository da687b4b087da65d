package ist.spike.nexus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ist.spike.common.tls.MtlsResponse;
import ist.spike.nexus.NexusFixture;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Policies that reach further than they read, against real Nexus instances and real SVIDs: with
 * upstream's semantics (the default) {@code spiffe://spike.ist/workload/app} also lets
 * {@code .../workload/app-evil} read; an anchored pattern stops it; with SPIKE_NEXUS_POLICY_STRICT=true
 * Nexus refuses to store an unanchored pattern (400 api_bad_request).
 */
class PolicyReachApiTest {
    private static final String POLICY = "/v1/acl/policy";
    private static final String SECRETS = "/v1/store/secrets";
    private static final String APP = "spiffe://spike.ist/workload/app";
    private static final String APP_EVIL = "spiffe://spike.ist/workload/app-evil";
    private static final String READ_APP_SECRET = "{\"path\":\"apps/app/creds\"}";
    private static NexusFixture upstreamSemantics;
    private static NexusFixture strict;

    @BeforeAll
    static void start() throws Exception {
        upstreamSemantics = NexusFixture.sqlite();
        strict = NexusFixture.sqlite(Map.of("SPIKE_NEXUS_POLICY_STRICT", "true"));
        for (NexusFixture nexus : new NexusFixture[] {upstreamSemantics, strict}) {
            assertEquals(200, nexus.superuser(SECRETS, "", "{\"path\":\"apps/app/creds\",\"values\":{\"k\":\"v\"}}")
                    .status());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        upstreamSemantics.close();
        strict.close();
    }

    private static String policy(String spiffe, String path) {
        return "{\"name\":\"app-read\",\"spiffeidPattern\":\"" + spiffe.replace("\\", "\\\\")
                + "\",\"pathPattern\":\"" + path + "\",\"permissions\":[\"read\"]}";
    }

    private static int read(NexusFixture nexus, String caller) throws Exception {
        return nexus.post(caller, SECRETS, "get", READ_APP_SECRET).status();
    }

    @Test
    void anUnanchoredPatternLetsAnotherWorkloadReadAndAnAnchoredOneStopsIt() throws Exception {
        assertEquals(200, upstreamSemantics.superuser(POLICY, "", policy(APP, "^apps/app/")).status());
        assertEquals(200, read(upstreamSemantics, APP));
        // The attack: a workload whose ID merely starts with the granted one reads the secret.
        assertEquals(200, read(upstreamSemantics, APP_EVIL), "upstream semantics: patterns match anywhere");

        assertEquals(200, upstreamSemantics.superuser(POLICY, "",
                policy("^spiffe://spike\\.ist/workload/app$", "^apps/app/")).status());
        assertEquals(200, read(upstreamSemantics, APP));
        assertEquals(401, read(upstreamSemantics, APP_EVIL));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "spiffe://spike.ist/workload/app => ^apps/app/",
            "^spiffe://spike\\.ist/workload/app => ^apps/app/",
            "^spiffe://spike.ist/workload/app$ => ^apps/app/",
            "^spiffe://spike\\.ist/workload/app$ => apps/app/",
            "^spiffe://spike\\.ist/workload/app$ => ^apps/app",
    })
    void strictModeRefusesUnanchoredPatterns(String spiffe, String path) throws Exception {
        MtlsResponse refused = strict.superuser(POLICY, "", policy(spiffe, path));
        assertEquals(400, refused.status(), refused.bodyText());
        assertEquals("{\"err\":\"api_bad_request\"}", refused.bodyText());
        assertEquals(404, strict.superuser(POLICY, "get", "{\"id\":\"app-read\"}").status(), "nothing stored");
        assertEquals(401, read(strict, APP_EVIL));
    }

    @Test
    void strictModeAcceptsAnchoredPatterns() throws Exception {
        MtlsResponse accepted = strict.superuser(POLICY, "", policy("^spiffe://spike\\.ist/workload/app$", "^apps/app/"));
        assertEquals(200, accepted.status(), accepted.bodyText());
        assertEquals(200, read(strict, APP));
        assertEquals(401, read(strict, APP_EVIL));
        assertEquals(200, strict.superuser(POLICY, "delete", "{\"id\":\"app-read\"}").status());
    }
}
