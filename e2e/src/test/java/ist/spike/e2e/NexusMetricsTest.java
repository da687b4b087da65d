package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.client.SpikeClient;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Roles;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Nexus's metrics move with what happens to it, on a stack of real processes (three keepers, SQLite,
 * the health listener on): each test reads the metrics, makes their cause happen through the CLI or to
 * the processes, and reads them again. One stack for all, in order; the last one seals Nexus.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NexusMetricsTest {
    private static final String SECRETS = "/v1/store/secrets";
    private static final String REQUESTS = "spike_nexus_requests_total";
    private static final String MARKER_PATH = "marker-path-7f3a/db";
    private static final String MARKER_VALUE = "marker-value-9c1e";
    private static final String MARKER_CALLER = "marker-caller-31b0";
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private static final int health = Processes.freePort();
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new LocalStack(3);
        stack.extraIdentity("marker", "/workload/" + MARKER_CALLER);
        stack.nexusEnv("SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL", "1s");
        stack.nexusEnv("SPIKE_NEXUS_HEALTH_ADDRESS", "127.0.0.1:" + health);
        stack.startIdentity().startKeepers();
        stack.startNexus();
        stack.awaitNexusReady(LocalStack.READY_LIMIT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void requestsAreCountedByRouteActionAndStatus() throws Exception {
        Scrape before = Scrape.of(health);
        ok(stack.spike("superuser", "secret", "put", "metrics/requests", "k=v"));
        assertEquals("v", ok(stack.spike("superuser", "secret", "get", "metrics/requests", "k")).stdout().trim());
        Processes.Result refused = stack.spike("demo", "secret", "get", "metrics/requests");
        assertNotEquals(0, refused.exitCode(), refused::toString);
        Scrape after = Scrape.of(health);

        assertEquals(1, Scrape.delta(before, after, REQUESTS, "route", SECRETS, "action", "none", "status", "200"));
        assertEquals(1, Scrape.delta(before, after, REQUESTS, "route", SECRETS, "action", "get", "status", "200"));
        assertEquals(1, Scrape.delta(before, after, REQUESTS, "route", SECRETS, "action", "get", "status", "401"));
        assertEquals(2, Scrape.delta(before, after, "spike_nexus_request_duration_seconds_count",
                "route", SECRETS, "action", "get"));
        assertTrue(Scrape.delta(before, after, "spike_nexus_request_duration_seconds_sum", "route", SECRETS, "action", "get") > 0);
    }

    @Test
    @Order(2)
    void noMetricHoldsAPathAValueOrACaller() throws Exception {
        Scrape before = Scrape.of(health);
        ok(stack.spike("superuser", "secret", "put", MARKER_PATH, "k=" + MARKER_VALUE));
        Processes.Result stranger = stack.spike("marker", "secret", "get", MARKER_PATH, "k");
        assertNotEquals(0, stranger.exitCode(), stranger::toString);
        Scrape after = Scrape.of(health);
        // The marker caller's call was seen, as a status and nothing more.
        assertEquals(1, Scrape.delta(before, after, REQUESTS, "route", SECRETS, "action", "get", "status", "401"));

        String everything = after.text + Scrape.get(health, "/ready").body() + Scrape.get(health, "/live").body();
        for (String marker : new String[] {"marker", "7f3a", "9c1e", "31b0", "spiffe://", "spike.ist"}) {
            assertFalse(everything.contains(marker), () -> marker + " appears on the health listener");
        }
    }

    @Test
    @Order(3)
    void aRotationMovesTheKeyMetricsAndAFailedOneIsCounted() throws Exception {
        Scrape before = Scrape.of(health);
        double startedAt = System.currentTimeMillis() / 1000.0;
        ok(stack.spike("superuser", "operator", "rotate", "--wait"));
        Scrape after = Scrape.of(health);
        String[] storage = {"purpose", "storage"};
        assertEquals(before.value("spike_nexus_key_generation", storage) + 1,
                after.value("spike_nexus_key_generation", storage));
        assertEquals(1, Scrape.delta(before, after, "spike_nexus_key_rotations_total"));
        assertEquals(0, Scrape.delta(before, after, "spike_nexus_key_rotations_failed_total"));
        double last = after.value("spike_nexus_key_rotation_last_timestamp_seconds");
        assertTrue(last > before.value("spike_nexus_key_rotation_last_timestamp_seconds") && last >= startedAt - 1,
                () -> after.family("spike_nexus_key_rotation_last_timestamp_seconds"));
        assertTrue(after.value("spike_nexus_key_generation_age_seconds", storage)
                < before.value("spike_nexus_key_generation_age_seconds", storage), "the generation's age started over");
        assertTrue(after.value("spike_nexus_key_rotation_resealed_records") > 0);
        assertTrue(after.value("spike_nexus_key_rotation_verified_records") > 0);
        assertEquals(0, after.value("spike_nexus_key_rotation_in_progress"));

        // A record damaged on disk, as a bad sector or a hand edit would: the next rotation cannot re-seal
        // it and fails, keeping the old keys; once the record is whole again, the rotation finishes.
        byte[] original = damageOneRecord();
        Processes.Result failed = stack.spike("superuser", "operator", "rotate", "--wait");
        assertEquals(2, failed.exitCode(), failed::toString);
        Scrape afterFailure = Scrape.of(health);
        assertEquals(1, Scrape.delta(after, afterFailure, "spike_nexus_key_rotations_failed_total"));
        assertEquals(0, Scrape.delta(after, afterFailure, "spike_nexus_key_rotations_total"));
        restoreRecord(original);
        ok(stack.spike("superuser", "operator", "rotate", "--wait"));
        assertEquals(1, Scrape.delta(afterFailure, Scrape.of(health), "spike_nexus_key_rotations_total"));
    }

    @Test
    @Order(4)
    void backupsAreCountedAndADownloadCutShortIsAFailure() throws Exception {
        // Some MiB: several times what the sockets between Nexus and the cut buffer, so the cut reaches Nexus.
        Random random = new Random(17);
        try (SpikeClient client = superuser()) {
            for (int i = 0; i < 10; i++) {
                byte[] noise = new byte[675_000];
                random.nextBytes(noise);
                client.putSecret("metrics/bulk/" + i, Map.of("v", Base64.getEncoder().encodeToString(noise)));
            }
        }
        Scrape before = Scrape.of(health);
        double startedAt = System.currentTimeMillis() / 1000.0;
        Path backup = stack.root.resolve("metrics-backup.db");
        ok(stack.spike("superuser", "operator", "backup", "-o", backup.toString()));
        Scrape after = Scrape.of(health);
        assertEquals(1, Scrape.delta(before, after, "spike_nexus_backups_total"));
        assertEquals(0, Scrape.delta(before, after, "spike_nexus_backup_failures_total"));
        for (String at : new String[] {"spike_nexus_backup_last_verified_timestamp_seconds",
            "spike_nexus_backup_last_success_timestamp_seconds"}) {
            assertTrue(after.value(at) > before.value(at) && after.value(at) >= startedAt - 1, () -> after.family(at));
        }

        try (CuttingProxy proxy = new CuttingProxy(stack.nexusPort, Files.size(backup) / 20)) {
            Processes.Result cut = stack.spikeWithEnv("superuser",
                    Map.of("SPIKE_NEXUS_API_URL", "https://localhost:" + proxy.port()), null,
                    "operator", "backup", "-o", stack.root.resolve("cut-backup.db").toString());
            assertNotEquals(0, cut.exitCode(), cut::toString);
        }
        double failures = after.value("spike_nexus_backup_failures_total");
        Scrape afterCut = Scrape.until(health, SETTLE, "the cut download counted as a failure",
                s -> s.value("spike_nexus_backup_failures_total") == failures + 1);
        assertEquals(after.value("spike_nexus_backup_last_success_timestamp_seconds"),
                afterCut.value("spike_nexus_backup_last_success_timestamp_seconds"), "a cut download is no success");
    }

    @Test
    @Order(5)
    void aKeeperKilledLosesItsSlotAndGetsItBackWhenItReturns() throws Exception {
        String holds = "spike_nexus_keeper_holds_current_shard";
        String lastPush = "spike_nexus_keeper_last_push_timestamp_seconds";
        String failures = "spike_nexus_keeper_push_failures_total";
        Scrape before = Scrape.until(health, SETTLE, "every keeper holds its shard",
                s -> s.value(holds, "keeper", "1") == 1 && s.value(holds, "keeper", "2") == 1
                        && s.value(holds, "keeper", "3") == 1);
        assertEquals(1, before.value("spike_nexus_keeper_sync_interval_seconds"));

        stack.kill9("keeper-2");
        Scrape down = Scrape.until(health, SETTLE, "keeper 2's slot empty and failing",
                s -> s.value(holds, "keeper", "2") == 0
                        && s.value(failures, "keeper", "2") > before.value(failures, "keeper", "2"));
        assertEquals(1, down.value(holds, "keeper", "1"));
        assertEquals(1, down.value(holds, "keeper", "3"));
        // While it is down, its last push stands still and the failures grow; the others' pushes go on.
        Scrape later = Scrape.until(health, SETTLE, "more pushes to keepers 1 and 2",
                s -> s.value(lastPush, "keeper", "1") > down.value(lastPush, "keeper", "1")
                        && s.value(failures, "keeper", "2") > down.value(failures, "keeper", "2"));
        assertEquals(down.value(lastPush, "keeper", "2"), later.value(lastPush, "keeper", "2"));
        assertEquals(0, later.value(holds, "keeper", "2"));
        assertEquals(before.value(failures, "keeper", "1"), later.value(failures, "keeper", "1"));
        assertEquals(before.value(failures, "keeper", "3"), later.value(failures, "keeper", "3"));

        stack.startKeeper(2);
        Scrape back = Scrape.until(health, LocalStack.READY_LIMIT, "keeper 2 holds its shard again",
                s -> s.value(holds, "keeper", "2") == 1);
        assertTrue(back.value(lastPush, "keeper", "2") > later.value(lastPush, "keeper", "2"));
    }

    @Test
    @Order(6)
    void readinessFollowsTheRootKeyThroughASealAndARestore() throws Exception {
        Scrape serving = Scrape.of(health);
        assertEquals(1, serving.value("spike_nexus_ready"));
        assertEquals(1, serving.value("spike_nexus_root_key_present"));
        assertEquals(200, Scrape.get(health, "/ready").statusCode());
        ok(stack.spike("recover", "operator", "recover"));

        // Every process lost, keepers back empty: Nexus comes up sealed.
        stack.kill9("nexus");
        for (int i = 1; i <= 3; i++) {
            stack.kill9("keeper-" + i);
        }
        stack.startKeepers();
        stack.startNexus();
        Scrape sealed = Scrape.until(health, LocalStack.READY_LIMIT, "the listener of the restarted Nexus",
                s -> s.has("spike_nexus_ready"));
        assertEquals(0, sealed.value("spike_nexus_ready"));
        assertEquals(0, sealed.value("spike_nexus_root_key_present"));
        HttpResponse<String> notReady = Scrape.get(health, "/ready");
        assertEquals(503, notReady.statusCode(), notReady.body());
        assertTrue(notReady.body().contains("sealed"), notReady.body());
        assertEquals(200, Scrape.get(health, "/live").statusCode());

        for (int id : new int[] {1, 2}) {
            String shard = Files.readString(stack.root.resolve("recover").resolve("spike.recovery." + id + ".txt"));
            long deadline = System.nanoTime() + LocalStack.READY_LIMIT.toNanos();
            Processes.Result r = stack.spikeWithInput("restore", shard, "operator", "restore");
            while (r.exitCode() != 0 && System.nanoTime() < deadline) { // until Nexus's API listens
                Thread.sleep(300);
                r = stack.spikeWithInput("restore", shard, "operator", "restore");
            }
            ok(r);
        }
        Scrape restored = Scrape.until(health, SETTLE, "ready after the restore",
                s -> s.value("spike_nexus_ready") == 1);
        assertEquals(1, restored.value("spike_nexus_root_key_present"));
        assertEquals(200, Scrape.get(health, "/ready").statusCode());
    }

    /** Flips the last byte (in the GCM tag) of one stored secret value; returns the original. */
    private static byte[] damageOneRecord() throws Exception {
        try (Connection db = database();
                ResultSet row = db.createStatement().executeQuery(
                        "SELECT sealed_values FROM secret_values WHERE path = (SELECT min(path) FROM secret_values)"
                                + " ORDER BY version LIMIT 1")) {
            assertTrue(row.next(), "no stored value to damage");
            byte[] original = row.getBytes(1);
            byte[] damaged = original.clone();
            damaged[damaged.length - 1] ^= 1;
            write(db, damaged);
            return original;
        }
    }

    private static void restoreRecord(byte[] original) throws Exception {
        try (Connection db = database()) {
            write(db, original);
        }
    }

    private static void write(Connection db, byte[] sealed) throws Exception {
        try (PreparedStatement update = db.prepareStatement("UPDATE secret_values SET sealed_values = ? WHERE "
                + "path = (SELECT min(path) FROM secret_values) AND version = (SELECT min(version) FROM secret_values"
                + " WHERE path = (SELECT min(path) FROM secret_values))")) {
            update.setBytes(1, sealed);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static Connection database() throws Exception {
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + stack.dataDir.resolve("spike.db"));
        db.createStatement().execute("PRAGMA busy_timeout = 10000");
        return db;
    }

    private static Processes.Result ok(Processes.Result r) {
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    private static SpikeClient superuser() {
        return SpikeClient.connect(IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", stack.socket("superuser"))),
                URI.create("https://localhost:" + stack.nexusPort), Roles.defaults());
    }
}
