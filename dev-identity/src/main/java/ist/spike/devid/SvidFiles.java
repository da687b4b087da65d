package ist.spike.devid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes an SVID in the spiffe-helper layout. Each file is written to a temporary file in the same
 * directory and renamed over the old one, so a reader never sees half a file. The key goes first
 * and the certificate second: a reader that sees a new certificate also finds its key.
 */
public final class SvidFiles {
    public static final String CERTIFICATES = "svid.pem";
    public static final String PRIVATE_KEY = "svid_key.pem";
    public static final String BUNDLE = "svid_bundle.pem";

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> WORLD_READABLE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));

    private SvidFiles() {}

    /** Writes (or atomically replaces) svid_key.pem, svid.pem and svid_bundle.pem in {@code dir}. */
    public static void write(MintedSvid svid, Path dir) throws IOException {
        createDirectory(dir);
        replace(dir.resolve(PRIVATE_KEY), svid.privateKeyPem(), OWNER_ONLY);
        replace(dir.resolve(CERTIFICATES), svid.chainPem(), WORLD_READABLE);
        replace(dir.resolve(BUNDLE), svid.bundlePem(), WORLD_READABLE);
    }

    /** Writes a PEM file of CA certificates atomically (the trust bundle for other tools). */
    static void writeBundle(String pem, Path file) throws IOException {
        replace(file, pem, WORLD_READABLE);
    }

    /**
     * Creates {@code dir} (and missing parents) mode 0700 whatever the umask: it holds private keys and
     * the Workload API sockets, which Nexus and keepers refuse in a directory other users can write.
     */
    static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, OWNER_ONLY_DIR);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    private static void replace(Path target, String content, FileAttribute<Set<PosixFilePermission>> mode)
            throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp", mode);
        try {
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
