package ist.spike.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A download is kept only when exactly the bytes Nexus announced arrived. */
class DownloadCheckTest {
    private static final byte[] BACKUP = new byte[200_000];

    static {
        new Random(3).nextBytes(BACKUP);
    }

    private static DownloadCheck announced() throws Exception {
        String digest = "sha-256=:" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(BACKUP)) + ":";
        return DownloadCheck.expecting(Optional.of(digest), OptionalLong.of(BACKUP.length));
    }

    private static void copy(DownloadCheck check, byte[] arrived) throws Exception {
        check.copy(new ByteArrayInputStream(arrived), new ByteArrayOutputStream());
    }

    @Test
    void theAnnouncedBytesAreCopied() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        announced().copy(new ByteArrayInputStream(BACKUP), out);
        assertArrayEquals(BACKUP, out.toByteArray());
    }

    @Test
    void aDownloadCutShortFails() throws Exception {
        var e = assertThrows(SpikeException.TransferException.class,
                () -> copy(announced(), Arrays.copyOf(BACKUP, BACKUP.length - 1)));
        assertTrue(e.getMessage().contains("ended after 199999 of 200000 bytes"), e.getMessage());
    }

    @Test
    void aDownloadWithOneByteChangedOrAddedFails() throws Exception {
        byte[] changed = BACKUP.clone();
        changed[123_456] ^= 1;
        assertThrows(SpikeException.TransferException.class, () -> copy(announced(), changed));
        assertThrows(SpikeException.TransferException.class,
                () -> copy(announced(), Arrays.copyOf(BACKUP, BACKUP.length + 1)));
    }

    @Test
    void aDownloadWithoutLengthOrDigestIsRefused() {
        assertThrows(SpikeException.TransferException.class,
                () -> DownloadCheck.expecting(Optional.empty(), OptionalLong.of(1)));
        assertThrows(SpikeException.TransferException.class,
                () -> DownloadCheck.expecting(Optional.of("sha-256=:AAAA:"), OptionalLong.empty()));
        assertThrows(SpikeException.TransferException.class,
                () -> DownloadCheck.expecting(Optional.of("sha-256=:not base64!:"), OptionalLong.of(1)));
    }
}
