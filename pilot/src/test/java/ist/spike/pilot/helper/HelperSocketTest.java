package ist.spike.pilot.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelperSocketTest {
    @TempDir
    Path temp;

    @Test
    void createsAPrivateDirectoryInTheRuntimeDirectory() throws Exception {
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", temp.toString());
        Path socket = HelperSocket.create(env).orElseThrow();
        Path dir = temp.resolve("spike-pilot");
        assertEquals(dir, socket.getParent());
        assertTrue(socket.getFileName().toString().matches("pilot-[0-9a-f]{16}\\.sock"), socket.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals(socket, HelperSocket.find(env).orElseThrow());
    }

    @Test
    void withoutAUsableRuntimeDirectoryUsesTheTemporaryDirectory() throws Exception {
        Object uid = java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "spike-pilot-" + uid);
        assertEquals(fallback, HelperSocket.directory(Map.of()));
        assertEquals(fallback, HelperSocket.directory(Map.of("XDG_RUNTIME_DIR", "relative/dir")));
        assertEquals(fallback, HelperSocket.directory(Map.of("XDG_RUNTIME_DIR", temp.resolve("missing").toString())));
    }

    @Test
    void aDirectoryOthersCanEnterOrALinkIsNotUsed() throws Exception {
        Path dir = temp.resolve("spike-pilot");
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", temp.toString());
        assertTrue(HelperSocket.find(env).isEmpty());
        assertTrue(HelperSocket.create(env).isEmpty(), "an existing directory is not repaired");

        Path other = Files.createTempDirectory(temp, "real");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwx------"));
        Path linkRuntime = Files.createDirectory(temp.resolve("runtime"));
        Files.createSymbolicLink(linkRuntime.resolve("spike-pilot"), other);
        assertTrue(HelperSocket.isPrivate(other));
        assertFalse(HelperSocket.isPrivate(linkRuntime.resolve("spike-pilot")));
        assertTrue(HelperSocket.find(Map.of("XDG_RUNTIME_DIR", linkRuntime.toString())).isEmpty());
    }

    @Test
    void aPathTooLongForASocketIsNotUsed() throws Exception {
        Path deep = Files.createDirectories(temp.resolve("d".repeat(100)));
        assertTrue(HelperSocket.create(Map.of("XDG_RUNTIME_DIR", deep.toString())).isEmpty());
    }

    @Test
    void theNameFollowsTheConfigurationNotTheShell() {
        Map<String, String> env = new HashMap<>(Map.of("SPIKE_NEXUS_API_URL", "https://a:8553", "PATH", "/bin"));
        String name = HelperSocket.fingerprint(env);
        assertEquals(name, HelperSocket.fingerprint(new HashMap<>(env)));
        env.put("PATH", "/usr/bin");
        env.put("PWD", "/elsewhere");
        env.put("SPIKE_TRACE_STARTUP", "true");
        assertEquals(name, HelperSocket.fingerprint(env));
        env.put("SPIKE_NEXUS_API_URL", "https://b:8553");
        assertNotEquals(name, HelperSocket.fingerprint(env));
        env.put("SPIKE_NEXUS_API_URL", "https://a:8553");
        env.put("SPIKE_TRUST_ROOT_NEXUS", "example.org");
        assertNotEquals(name, HelperSocket.fingerprint(env));
    }
}
