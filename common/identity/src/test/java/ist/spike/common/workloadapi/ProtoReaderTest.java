package ist.spike.common.workloadapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every length and key ProtoReader reads is bounded by the bytes left: the attacks are hostile messages
 * (negative, huge and past-the-end lengths, keys out of range) and each must end in a
 * MalformedMessageException at once, never in a loop, a huge allocation or another exception.
 */
class ProtoReaderTest {
    /** Field 1, length-delimited, then the 10-byte varint of -1: what a negative int64 length looks like. */
    private static final byte[] NEGATIVE_LENGTH = concat(new byte[] {0x0a}, varint(-1L));

    @Test
    void aNegativeLengthIsMalformedAndEndsTheParseAtOnce() {
        var e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(NEGATIVE_LENGTH)));
        assertEquals("malformed protobuf message: field 1 runs past the message", e.getMessage());
    }

    @Test
    void aNegativeLengthThatPointsBackToTheStartDoesNotLoop() {
        // The attack that used to loop: a skipped field whose length takes the reader back to byte 0, so
        // the same SVID is read again and again until memory runs out.
        byte[] svid = validSvidField();
        byte[] message = concat(svid, new byte[] {0x12}, varint(-(svid.length + 1 + 10)));
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(message)));
    }

    @Test
    void aNegativeLengthOfASkippedFieldIsMalformed() {
        // Field 2 (the CRL) is skipped, not read: the skip must be bounded too, or the reader walks backwards.
        byte[] message = concat(validSvidField(), new byte[] {0x12}, varint(-3L), new byte[] {1, 2, 3});
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(message)));
    }

    @Test
    void aNegativeLengthInsideAnEmbeddedMessageIsMalformed() {
        byte[] svid = concat(new byte[] {0x12}, varint(Long.MIN_VALUE), new byte[] {1});
        byte[] message = concat(new byte[] {0x0a}, varint(svid.length), svid);
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(message)));
    }

    @Test
    void lengthsPastTheEndAreMalformed() {
        for (long length : new long[] {2, Integer.MAX_VALUE, 1L << 31, 1L << 32, Long.MAX_VALUE}) {
            byte[] message = concat(new byte[] {0x0a}, varint(length), new byte[] {1});
            assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(message),
                    "length " + length);
        }
    }

    @Test
    void anEmbeddedLengthCannotReachPastItsParent() {
        // The SVID claims 3 bytes of ID, but its own message is only 2 bytes long (the third is the parent's).
        byte[] message = {0x0a, 0x02, 0x0a, 0x03, 'a', 'b'};
        assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(message));
    }

    @Test
    void keysOutOfRangeAreMalformed() {
        assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(varint(-1L)));
        assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(varint(1L << 32)));
        assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(new byte[] {0x02, 0x00}));
    }

    @Test
    void truncatedAndOverlongVarintsAreMalformed() {
        assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(new byte[] {0x0a, (byte) 0x80}));
        byte[] elevenBytes = new byte[11];
        java.util.Arrays.fill(elevenBytes, (byte) 0xff);
        assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(elevenBytes));
    }

    @Test
    void fixedWidthFieldsPastTheEndAreMalformed() {
        assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(new byte[] {0x11, 1, 2}));
        assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(new byte[] {0x15, 1}));
        assertThrows(ProtoReader.MalformedMessageException.class, () -> X509SvidResponse.parse(new byte[] {0x13}));
    }

    @Test
    void aWellFormedMessageStillParses() {
        X509SvidResponse response = X509SvidResponse.parse(concat(validSvidField(), new byte[] {0x10, 0x05}));
        assertEquals(1, response.svids().size());
        assertEquals("spiffe://a.example/x", response.svids().get(0).spiffeId());
        assertArrayEquals(new byte[] {7}, response.svids().get(0).certificates());
        assertTrue(response.federatedBundles().isEmpty());
        assertFalse(new ProtoReader(new byte[0]).next());
    }

    private static byte[] validSvidField() {
        byte[] id = "spiffe://a.example/x".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] svid = concat(new byte[] {0x0a, (byte) id.length}, id, new byte[] {0x12, 1, 7});
        return concat(new byte[] {0x0a, (byte) svid.length}, svid);
    }

    static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
