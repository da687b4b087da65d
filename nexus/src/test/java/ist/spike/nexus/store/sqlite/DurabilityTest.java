package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.nexus.secret.SecretNotFoundException;
import ist.spike.nexus.secret.SecretService;
import ist.spike.nexus.testing.TestKeys;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every acknowledged write survives kill -9: a child JVM writes continuously and reports each
 * acknowledged put; we SIGKILL it mid-stream, reopen the store and look for every one of them.
 */
class DurabilityTest {
    static final int ACKS_BEFORE_KILL = 400;

    @TempDir
    Path tmp;

    record Ack(String path, int version, String value) {}

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        Path dataDir = tmp.resolve("data");
        Path stderr = tmp.resolve("child.err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), DurabilityChild.class.getName(), dataDir.toString())
                .redirectError(stderr.toFile())
                .start();
        List<Ack> acks = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                parse(line, acks);
                if (acks.size() == ACKS_BEFORE_KILL) {
                    // SIGKILL on Linux: no shutdown hooks, no close(). Through the ProcessHandle, because
                    // Process.destroyForcibly also closes our end of the pipe, and lines the child wrote
                    // before it died are acknowledgements too: keep reading until end of stream.
                    assertTrue(child.toHandle().destroyForcibly());
                }
            }
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.waitFor(), "killed by SIGKILL; child stderr:\n" + Files.readString(stderr));
        assertTrue(acks.size() >= ACKS_BEFORE_KILL, "child acknowledged only " + acks.size() + " writes; stderr:\n"
                + Files.readString(stderr));

        try (SealedBackend store = TestStores.sqlite(SqliteStoreOptions.defaults(dataDir), TestKeys.fixed(42))) {
            SecretService secrets = new SecretService(store, Clock.systemUTC(), 1_000_000);
            for (Ack ack : acks) {
                Map<String, String> found;
                try {
                    found = secrets.get(ack.path(), ack.version());
                } catch (SecretNotFoundException e) {
                    throw new AssertionError("acknowledged write lost: " + ack, e);
                }
                assertEquals(Map.of("value", ack.value()), found, "acknowledged write changed: " + ack);
            }
            System.out.printf("durability: %d acknowledged writes before SIGKILL, all present after reopen%n",
                    acks.size());
        }
    }

    /** Keeps only complete acknowledgement lines; a line cut by the kill has no END. */
    private static void parse(String line, List<Ack> acks) {
        String[] f = line.split(" ");
        if (f.length == 5 && f[0].equals("ACK") && f[4].equals("END")) {
            acks.add(new Ack(f[1], Integer.parseInt(f[2]), f[3]));
        }
    }
}
