package ist.spike.common.shamir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShareFormatTest {
    private static final String HEX = "630ecf2c6ac9396d991b5e53c7bf695f0423b6af8742c8dfc3dad27337f42efc";
    private static final String LINE = "spike:1:" + HEX;

    @Test
    void formatsAsUpstreamRecoveryFiles() {
        assertEquals(LINE, ShareFormat.format(new Share(1, HexFormat.of().parseHex(HEX))));
        assertEquals("spike:12:" + "00".repeat(32), ShareFormat.format(new Share(12, new byte[32])));
    }

    @Test
    void parsesWhatItFormats() {
        Share share = ShareFormat.parse(LINE);

        assertEquals(1, share.id());
        assertArrayEquals(HexFormat.of().parseHex(HEX), share.value());
    }

    @Test
    void hexEncodingAgreesWithTheJdkOnRandomValues() {
        Random random = new Random(1);
        for (int i = 0; i < 500; i++) {
            byte[] value = Scalars.bytes(Scalars.randomInteresting(random));
            int id = random.nextInt(1, Shamir.MAX_SHARES + 1);
            String line = ShareFormat.format(new Share(id, value));
            assertEquals("spike:" + id + ":" + HexFormat.of().formatHex(value), line);
            assertEquals(new Share(id, value), ShareFormat.parse(line));
            assertEquals(new Share(id, value), ShareFormat.parse(line.toUpperCase().replace("SPIKE", "spike")));
        }
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertEquals(ShareFormat.parse(LINE), ShareFormat.parse("  " + LINE + "\n"));
        assertEquals(ShareFormat.parse(LINE), ShareFormat.parse(new StringBuilder("\t" + LINE + "\r\n")));
    }

    @Test
    void leadingZerosInTheIdAreAccepted() {
        assertEquals(3, ShareFormat.parse("spike:003:" + HEX).id());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "spike",
        "spike:1",
        "spike:1:",
        "spike::" + HEX,
        "spike:0:" + HEX,
        "spike:-1:" + HEX,
        "spike:+1:" + HEX,
        "spike:256:" + HEX,
        "spike:99999999999:" + HEX,
        "spike:1:" + HEX + "00",
        "spike:1:" + HEX + ":x",
        "spike:1:0" + HEX,
        "spike: 1:" + HEX,
        "shard:1:" + HEX,
        "SPIKE:1:" + HEX,
        "spike:1:ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", // = N, not a scalar
        "spike:1:g30ecf2c6ac9396d991b5e53c7bf695f0423b6af8742c8dfc3dad27337f42efc",
        "spike:1:630ecf2c6ac9396d991b5e53c7bf695f0423b6af8742c8dfc3dad27337f42ef/",
        "spike:1:630ecf2c6ac9396d991b5e53c7bf695f0423b6af8742c8dfc3dad27337f42ef ",
    })
    void rejectsMalformedText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShareFormat.parse(text));
        assertFalse(e.getMessage().contains("630ecf"), "the share must not appear in the message");
    }

    @Test
    void everyNonHexCharacterIsRejected() {
        for (char c = 0; c < 256; c++) {
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            String text = "spike:1:" + c + HEX.substring(1);
            if (hex) {
                ShareFormat.parse(text);
            } else if (!Character.isWhitespace(c) && c != ':') {
                assertThrows(IllegalArgumentException.class, () -> ShareFormat.parse(text), "char " + (int) c);
            }
        }
    }
}
