package ist.spike.common.workloadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HPACK decoding against RFC 7541's own examples and blocks written by Go's encoder (golang.org/x/net,
 * as grpc-go sends them), then hostile blocks: each bound must hold with an HpackException, nothing else.
 */
class HpackDecoderTest {
    private final HpackDecoder decoder = new HpackDecoder();

    @Test
    void rfc7541ResponsesWithHuffmanCodingAndEviction() throws Exception {
        // Appendix C.6, after a dynamic table size update to 256 (the RFC's setting), so entries are evicted.
        assertEquals(List.of(field(":status", "302"), field("cache-control", "private"),
                field("date", "Mon, 21 Oct 2013 20:13:21 GMT"), field("location", "https://www.example.com")),
                decode("3fe101488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad171863"
                        + "c78f0b97c8e9ae82ae43d3"));
        assertEquals(List.of(field(":status", "307"), field("cache-control", "private"),
                field("date", "Mon, 21 Oct 2013 20:13:21 GMT"), field("location", "https://www.example.com")),
                decode("4883640effc1c0bf"));
        assertEquals(List.of(field(":status", "200"), field("cache-control", "private"),
                field("date", "Mon, 21 Oct 2013 20:13:22 GMT"), field("location", "https://www.example.com"),
                field("content-encoding", "gzip"),
                field("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1")),
                decode("88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2e6c7b335dfdf"
                        + "cd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007"));
    }

    @Test
    void grpcGoHeadersThenTrailersThatIndexTheHeaders() throws Exception {
        assertEquals(List.of(field(":status", "200"), field("content-type", "application/grpc")),
                decode("885f8b1d75d0620d263d4c4d6564"));
        assertEquals(List.of(field("content-type", "application/grpc"), field("grpc-status", "14"),
                field("grpc-message", "agent is starting %E2%9C%93")),
                decode("be40889acac8b21234da8f02313440899acac8b5254207317f941cc5a92a190a2123b126aa6515c0255fbcabecff"));
    }

    @Test
    void hostileBlocksAreRefused() {
        // An index past both tables.
        assertRefused("be");
        assertRefused("80"); // index 0
        // An integer that never ends, and one over 2^24.
        assertRefused("7fffffffff");
        assertRefused("7fffffffff0f");
        // A string whose length runs past the block.
        assertRefused("000a61");
        assertRefused("0003616263" + "7f8080808001");
        // A table size over SETTINGS_HEADER_TABLE_SIZE, and an update after a field.
        assertRefused("3fe21f");
        assertRefused("883f01");
        // Huffman: padding of 8 bits, padding that is not ones, and EOS inside the string.
        assertRefused("0082ffff" + "00");
        assertRefused("008100" + "00");
        assertRefused("0084ffffffff" + "00");
    }

    @Test
    void aHeaderListOverTheLimitIsRefused() {
        // Literal fields (new name "x") whose values add up to more than the list limit.
        StringBuilder block = new StringBuilder();
        int valueLength = 8_000;
        for (int i = 0; i * (valueLength + 33) <= HpackDecoder.MAX_HEADER_LIST_SIZE; i++) {
            block.append("000178").append(lengthPrefixed(valueLength));
        }
        var e = assertThrows(HpackDecoder.HpackException.class, () -> decoder.decode(HexFormat.of().parseHex(block.toString())));
        assertEquals("bad HPACK header block: a header list over 65536 bytes", e.getMessage());
    }

    private static String lengthPrefixed(int length) {
        // HPACK integer, 7-bit prefix, not Huffman; then that many 'a'.
        StringBuilder hex = new StringBuilder("7f");
        int rest = length - 127;
        while (rest >= 128) {
            hex.append(String.format("%02x", rest % 128 + 128));
            rest /= 128;
        }
        hex.append(String.format("%02x", rest));
        return hex + "61".repeat(length);
    }

    private void assertRefused(String hex) {
        assertThrows(HpackDecoder.HpackException.class, () -> new HpackDecoder().decode(HexFormat.of().parseHex(hex)), hex);
    }

    private List<HpackDecoder.Field> decode(String hex) throws HpackDecoder.HpackException {
        return decoder.decode(HexFormat.of().parseHex(hex));
    }

    private static HpackDecoder.Field field(String name, String value) {
        return new HpackDecoder.Field(name, value);
    }
}
