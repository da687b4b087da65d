package ist.spike.pilot.operator;

import ist.spike.pilot.command.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Where recovery shard files go: SPIKE_PILOT_RECOVERY_DIR, else ~/.spike/recover; created 0700. */
final class RecoveryDirectory {
    private RecoveryDirectory() {}

    static Path resolve(Map<String, String> env) {
        String configured = env.get("SPIKE_PILOT_RECOVERY_DIR");
        Path dir = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".spike", "recover")
                : Path.of(configured.trim());
        dir = dir.toAbsolutePath().normalize();
        for (String restricted : new String[] {"/", "/etc", "/usr", "/bin", "/sbin", "/boot", "/dev", "/proc", "/sys",
                "/lib", "/var", "/root"}) {
            if (dir.equals(Path.of(restricted))) {
                throw new UsageException("refusing to write recovery shards into the system directory " + dir);
            }
        }
        return dir;
    }

    static Path create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }
}
