package ist.spike.nexus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.shamir.Shamir;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.WireJson;
import ist.spike.common.wire.operator.StatusResponse;
import ist.spike.nexus.NexusFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/operator/status} of a real Nexus: the superuser's view of its health, sealed or not. */
class StatusApiTest {
    private static final String STATUS = "/v1/operator/status";
    private static final String RECOVER = "spiffe://spike.ist/spike/pilot/role/recover";
    private static final List<String> NOT_SUPERUSER = List.of(RECOVER,
            "spiffe://spike.ist/spike/pilot/role/restore", "spiffe://spike.ist/spike/keeper",
            "spiffe://spike.ist/spike/nexus", "spiffe://spike.ist/workload/app",
            "spiffe://spike.ist/spike/pilot/role/superuserx");

    @Test
    void aSealedNexusTellsTheSuperuserWhyItIsNotReady() throws Exception {
        try (NexusFixture nexus = NexusFixture.waitingForKey()) {
            StatusResponse s = status(nexus);
            assertFalse(s.ready());
            assertTrue(s.reason().startsWith("sealed"), s.reason());
            assertFalse(s.healthy());
            assertEquals(List.of("Nexus is not ready: " + s.reason() + "."), s.problems());
            assertEquals("sqlite", s.backend());
            assertNull(s.keys());
            assertNull(s.storeSizeBytes());
            assertNull(s.secretCount());
            assertEquals(3, s.keepers().size());
        }
    }

    @Test
    void onlyTheSuperuserLearnsAnythingSealedOrOpen() throws Exception {
        try (NexusFixture nexus = NexusFixture.waitingForKey()) {
            refusesAllButTheSuperuser(nexus);
            assertTrue(nexus.offerRootKey(Shamir.newRootKey()));
            refusesAllButTheSuperuser(nexus);
        }
    }

    private static void refusesAllButTheSuperuser(NexusFixture nexus) throws Exception {
        String expected = WireJson.writeString(StatusResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
        for (String caller : NOT_SUPERUSER) {
            MtlsResponse r = nexus.post(caller, STATUS, "", "{}");
            assertEquals(401, r.status(), caller + ": " + r.bodyText());
            assertEquals(expected, r.bodyText(), caller);
            assertFalse(r.bodyText().contains("127.0.0.1") || r.bodyText().contains("sqlite"), r.bodyText());
        }
    }

    @Test
    void anOpenNexusIsReadyAndListsEachKeeperWithoutItsShard() throws Exception {
        try (NexusFixture nexus = NexusFixture.sqlite()) {
            // The fixture's keepers listen nowhere: wait for the first push round to fail on all three.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            StatusResponse s = status(nexus);
            while (s.keepers().stream().anyMatch(k -> k.failures() == 0)) {
                assertTrue(System.nanoTime() < deadline, "no push round failed: " + s.keepers());
                Thread.sleep(50);
                s = status(nexus);
            }
            assertTrue(s.ready(), s.reason());
            assertEquals("ready", s.reason());
            assertFalse(s.healthy());
            assertEquals(List.of("Keeper slot 1 does not hold its shard.", "Keeper slot 2 does not hold its shard.",
                    "Keeper slot 3 does not hold its shard."), s.problems());
            for (StatusResponse.Keeper k : s.keepers()) {
                assertFalse(k.reachable());
                assertFalse(k.holdsShard());
                assertEquals("", k.lastPush());
                assertEquals("https://127.0.0.1:" + (8 + k.slot()), k.address());
            }
            assertEquals(3600, s.keeperSyncIntervalSeconds());
            assertNotNull(s.keys());
            assertEquals(1, s.keys().rootEpoch());
            assertEquals(List.of("storage", "cipher"), s.keys().generations().stream()
                    .map(StatusResponse.Generation::purpose).toList());
            assertEquals("idle", s.keys().rotationPhase());
            assertFalse(s.keys().nextRotation().isEmpty());
            assertTrue(s.storeSizeBytes() > 0);
            assertEquals(0, s.secretCount());
            assertTrue(s.audit().mode().startsWith("fail-closed"), s.audit().mode());
            assertTrue(s.warnings().contains(
                    "No recovery export is known: run 'spike operator recover' and keep the files offline."));
            assertTrue(s.warnings().stream().anyMatch(w -> w.startsWith("No verified backup")), s.warnings()::toString);
        }
    }

    @Test
    void theMemoryBackendIsHealthyWithNothingToWarnAbout() throws Exception {
        try (NexusFixture nexus = NexusFixture.memory()) {
            StatusResponse s = status(nexus);
            assertTrue(s.ready());
            assertTrue(s.healthy(), s.problems()::toString);
            assertEquals(List.of(), s.problems());
            assertEquals(List.of(), s.warnings());
            assertEquals(List.of(), s.keepers());
            assertEquals(0, s.keeperSyncIntervalSeconds());
        }
    }

    @Test
    void aBackupAndARecoveryExportClearTheirWarningsAndARekeyMakesTheExportStale() throws Exception {
        try (NexusFixture nexus = NexusFixture.sqlite()) {
            assertEquals(200, nexus.superuser("/v1/operator/backup", "", "{}").status());
            assertEquals(200, nexus.post(RECOVER, "/v1/operator/recover", "", "{}").status());
            StatusResponse before = status(nexus);
            assertEquals(1, before.backups().made());
            assertFalse(before.backups().lastVerified().isEmpty());
            assertEquals(86400, before.backups().maxAgeSeconds());
            assertEquals(List.of(), before.warnings());
            assertEquals(1, before.recoveryExport().rootEpoch());
            assertFalse(before.recoveryExport().stale());

            // A real rekey: the keyring is sealed under a new root key (the keepers never get its shards here).
            assertEquals(200, nexus.superuser("/v1/operator/rekey", "", "{}").status());
            StatusResponse after = status(nexus);
            assertEquals(2, after.keys().rootEpoch());
            assertTrue(after.recoveryExport().stale());
            assertTrue(after.problems().contains("The last recovery export is of an older root key (a rekey came "
                    + "since): its shard files no longer open the store; export new ones."), after.problems()::toString);

            assertEquals(200, nexus.post(RECOVER, "/v1/operator/recover", "", "{}").status());
            StatusResponse exported = status(nexus);
            assertEquals(2, exported.recoveryExport().rootEpoch());
            assertFalse(exported.recoveryExport().stale());
            assertTrue(exported.problems().stream().noneMatch(p -> p.contains("recovery export")));
        }
    }

    @Test
    void theAnswerHoldsNoSecretPathValueOrCaller() throws Exception {
        try (NexusFixture nexus = NexusFixture.sqlite()) {
            String path = "marker-path-5e1b/db";
            assertEquals(200, nexus.superuser("/v1/store/secrets", "",
                    "{\"path\":\"" + path + "\",\"values\":{\"marker-key-77c0\":\"marker-value-a4d9\"}}").status());
            nexus.post("spiffe://spike.ist/workload/marker-caller-0b6e", "/v1/store/secrets", "get",
                    "{\"path\":\"" + path + "\"}");
            String body = nexus.superuser(STATUS, "", "{}").bodyText();
            for (String marker : new String[] {"marker", "5e1b", "77c0", "a4d9", "0b6e", "spiffe://", "spike.ist"}) {
                assertFalse(body.contains(marker), marker + " in " + body);
            }
            StatusResponse s = WireJson.read(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    StatusResponse.class);
            assertTrue(s.audit().linesWritten() >= 2, body);
        }
    }

    private static StatusResponse status(NexusFixture nexus) throws Exception {
        MtlsResponse r = nexus.superuser(STATUS, "", "{}");
        assertEquals(200, r.status(), r.bodyText());
        return WireJson.read(r.body(), StatusResponse.class);
    }
}
