package ist.spike.nexus.rootkey;

import ist.spike.common.crypto.AeadException;
import ist.spike.common.crypto.AesGcm;
import ist.spike.common.crypto.SecretBytes;
import ist.spike.nexus.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;

/**
 * The lite backend as the root-key lifecycle sees it: no secrets or policies, only a key-check file in the
 * data directory, a known text sealed under the root key. It makes lite behave like a real store where it
 * matters: once it exists, Nexus never generates a second key by itself (which would make every earlier
 * cipher blob undecryptable), and a restore or keeper shards that rebuild another key are refused.
 */
public final class LiteKeyedStore implements KeyedStore {
    static final String FILE = "lite.keycheck";
    private static final byte[] KNOWN_TEXT = "SPIKE lite root key check v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASSOCIATED_DATA = "spike/lite/keycheck".getBytes(StandardCharsets.US_ASCII);

    private final Path dataDir;
    private final Path file;

    public LiteKeyedStore(Path dataDir) {
        this.dataDir = dataDir;
        this.file = dataDir.resolve(FILE);
    }

    @Override
    public boolean isInitialised() {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public SecretBytes open(SecretBytes key) throws WrongRootKeyException {
        if (isInitialised()) {
            verify(key);
        } else {
            write(AesGcm.create(key).seal(KNOWN_TEXT, ASSOCIATED_DATA));
        }
        return key;
    }

    private void verify(SecretBytes key) throws WrongRootKeyException {
        byte[] sealed;
        try {
            sealed = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreException("cannot read the lite key-check " + file, e);
        }
        try {
            byte[] opened = AesGcm.create(key).open(sealed, ASSOCIATED_DATA);
            if (!MessageDigest.isEqual(KNOWN_TEXT, opened)) {
                throw new WrongRootKeyException();
            }
        } catch (AeadException e) {
            throw new WrongRootKeyException();
        }
    }

    /** Written to a 0600 temporary file, synced, then renamed into place: never half a key-check. */
    private void write(byte[] sealed) {
        Path temporary = dataDir.resolve(FILE + ".tmp");
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(sealed));
                out.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel dir = FileChannel.open(dataDir, StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            throw new StoreException("cannot write the lite key-check " + file, e);
        }
    }
}
