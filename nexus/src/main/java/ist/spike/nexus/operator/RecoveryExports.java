package ist.spike.nexus.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the recovery shards were last exported ({@code spike operator recover}) and of which root key: after
 * a rekey, shard files exported before it no longer open the store, and operators must be told. Kept in
 * a small file in the data directory (no secret in it: a number and a time) so a restart does not forget it.
 */
public final class RecoveryExports {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryExports.class);
    static final String FILE = "recovery-export";

    /** @param rootEpoch the root key the exported shards reconstruct */
    public record Export(int rootEpoch, Instant at) {}

    private final Path file;
    private final Clock clock;
    private volatile Export last;

    /** @param dataDir null keeps it in memory only (the memory backend) */
    public RecoveryExports(Path dataDir, Clock clock) {
        this.file = dataDir == null ? null : dataDir.resolve(FILE);
        this.clock = clock;
        this.last = file == null ? null : read(file);
    }

    /** The last export, or null when none is known. */
    public Export last() {
        return last;
    }

    public void record(int rootEpoch) {
        Export export = new Export(rootEpoch, clock.instant());
        last = export;
        if (file == null) {
            return;
        }
        try {
            Path temp = file.resolveSibling(FILE + ".tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, export.rootEpoch() + " " + export.at() + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("could not record the recovery export in {}: {} (status shows it until Nexus restarts)", file,
                    e.getMessage());
        }
    }

    private static Export read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
            return new Export(Integer.parseInt(parts[0]), Instant.parse(parts[1]));
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring {}: {} (the last recovery export is unknown)", file, e.getMessage());
            return null;
        }
    }
}
