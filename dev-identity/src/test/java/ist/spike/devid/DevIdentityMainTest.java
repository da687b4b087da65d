package ist.spike.devid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DevIdentityMainTest {
    @Test
    void startsEverySpikeIdentityWithFilesAndBundle() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "devid").resolve("new");
        var out = new ByteArrayOutputStream();
        var options = DevIdentityOptions.parse("--dir", dir.toString(), "--svid-files");
        try (var provider = DevIdentityMain.start(options, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir)), "a directory it creates holds keys and sockets: 0700");
            for (String name : List.of("nexus", "keeper", "keeper-1", "keeper-2", "keeper-3", "superuser", "recover", "restore", "bootstrap", "lite", "demo")) {
                assertTrue(Files.exists(dir.resolve(name + ".sock")), name);
                assertTrue(Files.exists(dir.resolve("svid").resolve(name).resolve("svid.pem")), name);
            }
            assertTrue(Files.readString(dir.resolve("bundle.pem")).contains("BEGIN CERTIFICATE"));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("SPIFFE_ENDPOINT_SOCKET=unix://" + dir.resolve("nexus.sock")), printed);
            assertTrue(printed.contains("spiffe://spike.ist/spike/pilot/role/recover"), printed);
            assertEquals("spiffe://spike.ist/spike/workload/role/lite", provider.current("lite").spiffeId());
            assertEquals("spiffe://spike.ist/spike/keeper/2", provider.current("keeper-2").spiffeId());
        }
        assertFalse(Files.exists(dir.resolve("nexus.sock")));
    }

    /** The real program in its own JVM: it warns, serves, and removes its sockets on SIGTERM. */
    @Test
    void theProgramRemovesItsSocketsOnSigterm() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "devid");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), DevIdentityMain.class.getName(),
                "--dir", dir.toString(), "nexus=/spike/nexus")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            Await.until(Duration.ofSeconds(30), "the socket", () -> Files.exists(dir.resolve("nexus.sock")));
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stopped on SIGTERM");
            assertFalse(Files.exists(dir.resolve("nexus.sock")), "socket removed");
            String output = Files.readString(dir.resolve("out.txt"));
            assertTrue(output.contains("FOR DEVELOPMENT AND TESTS ONLY"), output);
        } finally {
            process.destroyForcibly();
        }
    }
}
