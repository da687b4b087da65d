package ist.spike.common.wire.keeper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.FallbackResponse;
import ist.spike.common.wire.MalformedJsonException;
import ist.spike.common.wire.Shard;
import ist.spike.common.wire.WireJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link KeeperWireJson} against {@link WireJson}, the reference: every body of a broad corpus (and of a
 * seeded random mutation of it) must be accepted or refused by both, with the same shard, and every keeper
 * response must be written to the same bytes.
 */
class KeeperWireJsonDifferentialTest {
    /** Put into bodies where an error message could quote them; no message may contain it. */
    private static final String MARKER = "Zq9SECRET";

    private static String ints(int count, int fill) {
        return IntStream.range(0, count).mapToObj(i -> Integer.toString((fill + i * 7) % 256))
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** 32 elements: the first 31 valid, then {@code last} as written. */
    private static String lastElement(String last) {
        return IntStream.range(0, 31).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "," + last + "]"));
    }

    private static final String OK = ints(32, 1);

    static List<byte[]> corpus() {
        List<String> texts = new ArrayList<>();
        // the top level
        texts.addAll(List.of("", " ", "\n", "null", " null ", "null null", "null,", "nul", "NULL", "true", "false", "0",
                "1", "-1", "1.5", "\"x\"", "\"\"", "[]", "[{}]", "[null]", "{}", " {} ", "\t{}\r\n", "{}{}", "{} {}",
                "{} x", "{},", "{}]", "{}}", "{} null", "{}\u0000", "\uFEFF{}", "{}\uFEFF", "{", "}", "{\"a\"}",
                "{\"a\":}", "{,}", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "{\"a\" 1}", "/*c*/{}", "{}//c", "# c\n{}",
                "{'shard':" + OK + "}", "{shard:" + OK + "}", "NaN", "Infinity", "{\"a\":NaN}", "{\"a\":Infinity}",
                "{\"a\":-Infinity}", "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":5.}", "{\"a\":0x10}",
                "{\"a\":'x'}", "{\"a\":tru}", "{\"a\":nulll}", "\u0000", "\u0000{}", "{\"\":1}", "{\"a\":1}\n\n",
                "{\u000b}", "{\u000c\"a\":1}", "{\u00a0}", "{\u2028}", "{} \u3000", "{\"a\"\u0000:1}",
                MARKER, "{\"a\":" + MARKER + "}", "{\"" + MARKER + "\":" + MARKER + "}", "[" + MARKER + "]"));
        // the shard field: names
        for (String name : List.of("shard", "SHARD", "Shard", "sHaRd", "sh\\u0061rd", "\\u0053HARD", "\u017Fhard",
                "shard ", " shard", "shar", "shardx", "shard\\u0000", "sh ard", "\u0455hard", "SHARD\u0307",
                "shard\\n", "\u212Ahard")) {
            texts.add("{\"" + name + "\":" + OK + "}");
            texts.add("{\"" + name + "\":null}");
            texts.add("{\"" + name + "\":1}");
        }
        // the shard field: values
        List<String> values = new ArrayList<>(List.of(OK, ints(32, 0), ints(32, 255), "null", "[]", "[null]",
                ints(31, 1), ints(33, 1), ints(64, 1), ints(1, 1), "{}", "{\"a\":1}", "\"\"", "\"AAAA\"",
                "\"" + "A".repeat(43) + "=\"", "1", "0", "true", "false", "[[1]]", "[" + OK + "]",
                lastElement("256"), lastElement("255"), lastElement("0"), lastElement("-1"), lastElement("-0"),
                lastElement("1.5"), lastElement("1.0"), lastElement("0.0"), lastElement("1e2"), lastElement("1E2"),
                lastElement("1e0"), lastElement("2e-1"), lastElement("\"1\""), lastElement("true"),
                lastElement("null"), lastElement("[]"), lastElement("{}"), lastElement("2147483647"),
                lastElement("2147483648"), lastElement("4294967297"), lastElement("9223372036854775808"),
                lastElement("99999999999999999999999999"), lastElement("1" + "0".repeat(999)),
                lastElement("1" + "0".repeat(1000)), lastElement("1e99999"), lastElement("01"), lastElement("+1"),
                lastElement("0x1"), lastElement("1 2"), lastElement("1,"), lastElement(""), lastElement(MARKER),
                lastElement("NaN"), lastElement("\u0661"), "[" + " 1 ,".repeat(31) + "\n2\t]",
                "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]",
                "[" + ",1".repeat(32).substring(1) + ",]", "[," + ",1".repeat(32).substring(1) + "]",
                "[" + ",1".repeat(32).substring(1), "[" + "[".repeat(999) + "]".repeat(999) + "]",
                "[" + "[".repeat(1000) + "]".repeat(1000) + "]"));
        for (String value : values) {
            texts.add("{\"shard\":" + value + "}");
            texts.add("{\"x\":1,\"Shard\":" + value + ",\"y\":[1,{\"z\":null}]}");
        }
        // unknown fields, before and after the shard, and on their own
        List<String> unknown = new ArrayList<>(List.of("1", "-1", "1.5", "1e400", "-1e400", "1e-400", "true", "null",
                "\"x\"", "\"\"", "[]", "{}", "[1,[2,[3,{\"a\":[{}]}]]]", "{\"shard\":1}", "{\"shard\":" + OK + "}",
                "\"\\u00e9\\n\\t\\\\\\\"\\/\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\x\"", "\"\\u12\"",
                "\"\\u12g4\"", "\"a\u0001b\"", "\"a\tb\"", "\"a\nb\"", "\"\u007f\"", "\"\u2028\"", "\"\uD83D\uDE00\"",
                "\"" + "s".repeat(3000) + "\"", "9".repeat(1000), "9".repeat(1001), "1." + "5".repeat(999),
                "1." + "5".repeat(1000), "-" + "9".repeat(1000), "1e" + "9".repeat(998),
                "\"" + MARKER + "\"", "[" + "[".repeat(998) + "]".repeat(998) + "]", "[".repeat(999) + "]".repeat(999),
                "[".repeat(1000) + "]".repeat(1000), "{\"a\":".repeat(998) + "1" + "}".repeat(998),
                "{\"a\":".repeat(999) + "1" + "}".repeat(999), "[".repeat(999) + "]".repeat(998), "[1,]", "[,1]",
                "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "[}", "{]"));
        for (String value : unknown) {
            texts.add("{\"x\":" + value + "}");
            texts.add("{\"x\":" + value + ",\"shard\":" + OK + "}");
            texts.add("{\"shard\":" + OK + ",\"x\":" + value + "}");
            texts.add("{\"" + MARKER + "\":" + value + ",\"shard\":null}");
        }
        // duplicate keys
        for (String[] pair : new String[][] {{"shard", "shard"}, {"shard", "SHARD"}, {"Shard", "shard"},
                {"x", "x"}, {"shard", "\u017Fhard"}}) {
            for (String first : List.of(OK, "null", ints(32, 9), "1", ints(31, 1))) {
                for (String second : List.of(OK, "null", ints(32, 9), "1", ints(31, 1), "[1,")) {
                    texts.add("{\"" + pair[0] + "\":" + first + ",\"" + pair[1] + "\":" + second + "}");
                    texts.add("{\"" + pair[0] + "\":" + first + ",\"y\":{},\"" + pair[1] + "\":" + second + "}");
                }
            }
        }
        texts.add("{\"x\":1,\"x\":2}");
        texts.add("{\"shard\":" + OK + ",\"x\":1,\"x\":[]}");
        // trailing data after a good body
        for (String tail : List.of("", " ", "\n", "x", "{}", "[]", "null", "1", ",", "}", "]", "\"\"", "\u0000",
                "\uFEFF", "/", "//", " \t\r\n ", "\u00a0", MARKER)) {
            texts.add("{\"shard\":" + OK + "}" + tail);
            texts.add("null" + tail);
            texts.add("{}" + tail);
        }
        // nesting: objects and arrays around and inside
        texts.add("{\"x\":" + "{\"a\":".repeat(1100) + "1" + "}".repeat(1100) + "}");
        texts.add("{\"x\":" + "[".repeat(2000));
        texts.add("[".repeat(1001) + "]".repeat(1001));
        texts.add("{\"shard\":" + "[".repeat(1001) + "]".repeat(1001) + "}");

        List<byte[]> corpus = new ArrayList<>();
        for (String text : texts) {
            corpus.add(text.getBytes(StandardCharsets.UTF_8));
        }
        // bytes that are not UTF-8, or not only: in keys, values, whitespace, at the start
        byte[][] odd = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, {0}};
        for (byte[] bytes : odd) {
            corpus.add(concat(bytes, "{\"shard\":" + OK + "}"));
            corpus.add(concat("{\"shard\":" + OK + "}", bytes));
            corpus.add(concat("{\"x\":\"", bytes, "\",\"shard\":" + OK + "}"));
            corpus.add(concat("{\"sh", bytes, "ard\":" + OK + "}"));
            corpus.add(concat("{\"shard\"", bytes, ":" + OK + "}"));
            corpus.add(concat("{\"shard\":[1", bytes, ",2]}"));
            corpus.add(concat("{\"x\":", bytes, "}"));
            corpus.add(bytes);
        }
        corpus.add(concat(new byte[] {0, 0, 0}, "{"));
        corpus.add("{}".getBytes(StandardCharsets.UTF_16BE));
        corpus.add("{}".getBytes(StandardCharsets.UTF_16LE));
        corpus.add(concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, new String("{\"shard\":null}".getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1)));
        corpus.add(("{\"shard\":" + OK + "}").getBytes(StandardCharsets.UTF_16LE));
        return corpus;
    }

    /** The corpus, then seeded random mutations of it: bytes replaced, inserted, removed, repeated. */
    static List<byte[]> corpusWithMutations() {
        List<byte[]> base = corpus();
        List<byte[]> all = new ArrayList<>(base);
        byte[] alphabet = "{}[],:\" \\0123456789-+.eEnulltruefalsShardSHARD\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(20251124L);
        List<byte[]> seeds = base.stream().filter(b -> b.length > 0 && b.length < 600).toList();
        for (int i = 0; i < 30_000; i++) {
            byte[] body = seeds.get(random.nextInt(seeds.size())).clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && body.length > 0; e++) {
                int at = random.nextInt(body.length);
                byte b = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
                body = switch (random.nextInt(4)) {
                    case 0 -> { body[at] = b; yield body; }
                    case 1 -> splice(body, at, 0, new byte[] {b});
                    case 2 -> splice(body, at, 1, new byte[0]);
                    default -> splice(body, at, 0, Arrays.copyOfRange(body, at, Math.min(body.length, at + 1 + random.nextInt(8))));
                };
            }
            all.add(body);
        }
        return all;
    }

    @Test
    void readsEveryBodyAsWireJsonDoes() {
        List<byte[]> corpus = corpusWithMutations();
        int accepted = 0;
        int shards = 0;
        for (byte[] body : corpus) {
            boolean contribute = compareContribute(body);
            boolean get = compareShardGet(body);
            accepted += get ? 1 : 0;
            shards += contribute ? 1 : 0;
        }
        // Both sides of the decision must be well represented, or the comparison proves little.
        assertTrue(accepted > 2_000 && accepted < corpus.size() - 2_000, "accepted " + accepted + " of " + corpus.size());
        assertTrue(shards > 500, "shards read " + shards);
    }

    @Test
    void readsTheCornerCasesAsExpected() {
        // Spot checks that the corpus holds what it claims, on the reference's side of the comparison too.
        assertShard(OK, "{\"SHARD\":" + OK + "}");
        assertShard(OK, "{\"sh\\u0061rd\":" + OK + ",\"x\":{\"y\":[1,[2,{}]]}}");
        assertShard(null, "null");
        assertShard(null, "{\"\u017Fhard\":" + OK + "}");
        assertShard(null, "{\"shard\":null}");
        for (String refused : List.of("", " ", "[]", "{}x", "\uFEFF{}", "{\"shard\":" + ints(31, 1) + "}",
                "{\"shard\":" + lastElement("256") + "}", "{\"shard\":" + lastElement("1e2") + "}",
                "{\"shard\":" + OK + ",\"Shard\":null}")) {
            assertRefused(refused);
        }
    }

    @Test
    void errorMessagesNeverQuoteTheBody() {
        for (byte[] body : corpus()) {
            for (int which = 0; which < 2; which++) {
                try {
                    if (which == 0) {
                        KeeperWireJson.readContribute(body);
                    } else {
                        KeeperWireJson.readShardGet(body);
                    }
                } catch (MalformedJsonException e) {
                    // Only the kind of problem and a position: nothing from the body (shard digits, marker).
                    String message = e.getMessage();
                    assertTrue(message.matches("malformed JSON for (ShardContributeRequest|ShardGetRequest): "
                            + "(empty body|trailing data after the JSON value|body exceeds parser limits"
                            + "|invalid JSON syntax|wrong type or value at field 'shard'"
                            + "|expected a JSON object, found (an array|a string|a number|a boolean))"
                            + "( \\(line \\d+, column \\d+\\))?"), message);
                    assertFalse(message.contains(MARKER), message);
                    assertNull(e.getCause());
                }
            }
        }
    }

    @Test
    void writesTheSameBytes() {
        List<Object> responses = new ArrayList<>(List.of(ShardContributeResponse.OK, new FallbackResponse(""),
                ShardGetResponse.of(Shard.copyOf(new byte[32]))));
        for (ErrorCode code : ErrorCode.values()) {
            responses.add(ShardContributeResponse.error(code));
            responses.add(FallbackResponse.error(code));
            responses.add(ShardGetResponse.error(code));
        }
        // err values no upstream code uses, with everything Go escapes
        for (String err : List.of("a<b>&c", "\u2028\u2029", "\"\\\u0001\u001f\u007f", "\uD83D\uDE00 \u00e9", "Err")) {
            responses.add(new ShardContributeResponse(err));
            responses.add(new FallbackResponse(err));
            responses.add(new ShardGetResponse(null, err));
        }
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            responses.add(ShardGetResponse.of(Shard.copyOf(bytes)));
            responses.add(new ShardGetResponse(Shard.copyOf(bytes), "api_internal_error"));
        }
        byte[] high = new byte[32];
        Arrays.fill(high, (byte) 0xFF);
        responses.add(ShardGetResponse.of(Shard.copyOf(high)));
        for (Object response : responses) {
            byte[] expected = WireJson.write(response);
            byte[] actual = switch (response) {
                case ShardContributeResponse r -> KeeperWireJson.write(r);
                case FallbackResponse r -> KeeperWireJson.write(r);
                case ShardGetResponse r -> KeeperWireJson.write(r);
                default -> throw new AssertionError(response);
            };
            assertArrayEquals(expected, actual, () -> new String(expected, StandardCharsets.UTF_8));
        }
        assertEquals("{\"err\":\"api_bad_request\"}",
                new String(KeeperWireJson.write(FallbackResponse.error(ErrorCode.API_BAD_REQUEST)), StandardCharsets.UTF_8));
        assertEquals("{\"shard\":null,\"Err\":\"state_not_ready\"}",
                new String(KeeperWireJson.write(ShardGetResponse.error(ErrorCode.STATE_NOT_READY)), StandardCharsets.UTF_8));
    }

    /** True when both read a shard (the same one); fails when they disagree. */
    private static boolean compareContribute(byte[] body) {
        ShardContributeRequest expected = null;
        ShardContributeRequest actual = null;
        MalformedJsonException expectedError = null;
        MalformedJsonException actualError = null;
        try {
            expected = WireJson.read(body.clone(), ShardContributeRequest.class);
        } catch (MalformedJsonException e) {
            expectedError = e;
        }
        try {
            actual = KeeperWireJson.readContribute(body.clone());
        } catch (MalformedJsonException e) {
            actualError = e;
        }
        if ((expectedError == null) != (actualError == null)) {
            fail("contribute: WireJson " + (expectedError == null ? "accepts" : "refuses (" + expectedError.getMessage() + ")")
                    + ", KeeperWireJson " + (actualError == null ? "accepts" : "refuses (" + actualError.getMessage() + ")")
                    + " the body " + show(body));
        }
        if (expected == null) {
            return false;
        }
        Shard want = expected.shard();
        Shard got = actual.shard();
        if (want == null || got == null) {
            assertEquals(want == null, got == null, () -> "shard present in only one: " + show(body));
            return false;
        }
        assertArrayEquals(want.copyBytes(), got.copyBytes(), () -> "different shards: " + show(body));
        return true;
    }

    private static boolean compareShardGet(byte[] body) {
        boolean expected = accepts(() -> WireJson.read(body.clone(), ShardGetRequest.class));
        boolean actual = accepts(() -> KeeperWireJson.readShardGet(body.clone()));
        assertEquals(expected, actual, () -> "shard request: WireJson " + (expected ? "accepts" : "refuses")
                + ", KeeperWireJson " + (actual ? "accepts" : "refuses") + " the body " + show(body));
        return expected;
    }

    private interface Read {
        void run() throws MalformedJsonException;
    }

    private static boolean accepts(Read read) {
        try {
            read.run();
            return true;
        } catch (MalformedJsonException e) {
            return false;
        }
    }

    private static void assertShard(String expectedJson, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertTrue(compareContribute(bytes) == (expectedJson != null), body);
        if (expectedJson != null) {
            try {
                assertEquals(expectedJson, ints(32, 1));
                byte[] shard = KeeperWireJson.readContribute(bytes).shard().copyBytes();
                assertEquals(1, shard[0]);
                assertEquals((byte) (1 + 31 * 7), shard[31]);
            } catch (MalformedJsonException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void assertRefused(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        compareContribute(bytes);
        assertFalse(accepts(() -> KeeperWireJson.readContribute(bytes)), body);
    }

    private static String show(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String shown = text.length() > 300 ? text.substring(0, 300) + "...(" + body.length + " bytes)" : text;
        return shown + "  [hex " + HexFormat.of().formatHex(body, 0, Math.min(body.length, 48)) + "]";
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            byte[] bytes = part instanceof byte[] b ? b : ((String) part).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] splice(byte[] body, int at, int remove, byte[] insert) {
        byte[] out = new byte[body.length - remove + insert.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(body, at + remove, out, at + insert.length, body.length - at - remove);
        return out;
    }
}
