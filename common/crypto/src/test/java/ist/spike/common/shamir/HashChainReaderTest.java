package ist.spike.common.shamir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HashChainReaderTest {
    private static final byte[] SEED = "0123456789abcdef0123456789abcdef".getBytes();

    @Test
    void servesTheSha256ChainOfTheSeed() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] b0 = sha.digest(SEED);
        byte[] b1 = sha.digest(b0);
        byte[] b2 = sha.digest(b1);

        byte[] out = new byte[96];
        try (HashChainReader reader = new HashChainReader(SEED)) {
            reader.readFully(out);
        }

        assertArrayEquals(b0, Arrays.copyOfRange(out, 0, 32));
        assertArrayEquals(b1, Arrays.copyOfRange(out, 32, 64));
        assertArrayEquals(b2, Arrays.copyOfRange(out, 64, 96));
    }

    @Test
    void readSizesDoNotChangeTheStream() {
        byte[] whole = new byte[200];
        try (HashChainReader reader = new HashChainReader(SEED)) {
            reader.readFully(whole);
        }

        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        try (HashChainReader reader = new HashChainReader(SEED)) {
            for (int size : new int[] {1, 31, 7, 0, 33, 64, 64}) {
                byte[] piece = new byte[size];
                reader.readFully(piece);
                pieces.writeBytes(piece);
            }
        }

        assertArrayEquals(whole, pieces.toByteArray());
    }
}
