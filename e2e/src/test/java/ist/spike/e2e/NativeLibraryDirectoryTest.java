package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bouncy Castle FIPS loads its native code from a directory only the program's user can enter, one per
 * process, and the launcher removes those of processes that have ended (instead of a new world-readable
 * /tmp/bc-fips-jni_* per start, never removed).
 */
class NativeLibraryDirectoryTest {
    @Test
    void nativeCodeIsLoadedFromAPrivatePerProcessDirectoryAndStaleOnesAreRemoved() throws Exception {
        Path tmp = Files.createTempDirectory(Path.of("/tmp"), "native");
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Path base = tmp.resolve("spike-native-" + uid);
        Files.createDirectory(base, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path stale = Files.createDirectories(base.resolve("999999999/2.1.3"));
        Files.writeString(stale.resolve("libbc-fips-vaes.so"), "left by a process that ended");

        try (LocalStack stack = LocalStack.inMemoryNexus(Map.of("TMPDIR", tmp.toString()))) {
            long pid = stack.process("nexus").pid();
            assertFalse(Files.exists(base.resolve("999999999")), "the stale directory is removed");
            Path own = base.resolve(Long.toString(pid));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(base)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(own)));
            String maps = Files.readString(Path.of("/proc/" + pid + "/maps"));
            assertTrue(maps.contains(own + "/"), () -> "Nexus mapped no native library from " + own + ":\n"
                    + maps.lines().filter(l -> l.contains("bc")).toList());
        } finally {
            try (var walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
