package ist.spike.common.wire;

import static ist.spike.common.wire.WireAssert.assertMalformed;
import static ist.spike.common.wire.WireAssert.assertReads;
import static ist.spike.common.wire.WireAssert.assertWrites;
import static ist.spike.common.wire.WireAssert.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.wire.cipher.CipherDecryptRequest;
import ist.spike.common.wire.cipher.CipherEncryptRequest;
import ist.spike.common.wire.operator.RestoreRequest;
import ist.spike.common.wire.operator.RestoreResponse;
import ist.spike.common.wire.policy.PolicyPutRequest;
import ist.spike.common.wire.secret.SecretDeleteRequest;
import ist.spike.common.wire.secret.SecretGetRequest;
import ist.spike.common.wire.secret.SecretGetResponse;
import ist.spike.common.wire.secret.SecretListRequest;
import ist.spike.common.wire.secret.SecretPutRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mapper itself: how it reads and writes compared with Go's encoding/json. */
class WireJsonTest {

    // ---- reading: what Go accepts ----

    @Test
    void fieldNamesMatchCaseInsensitivelyAndUnknownFieldsAreIgnored() {
        assertReads(new SecretGetRequest("a/b", 3), "{\"PATH\":\"a/b\",\"Version\":3,\"extra\":{\"x\":[1,2]}}");
        assertReads(new PolicyPutRequest("n", "^spiffe://x$", "p", List.of("read")),
                "{\"Name\":\"n\",\"SPIFFEIDPATTERN\":\"^spiffe://x$\",\"pathpattern\":\"p\",\"Permissions\":[\"read\"]}");
    }

    @Test
    void missingFieldsAndNullsKeepGoZeroValues() {
        assertReads(new SecretGetRequest("", 0), "{}");
        assertReads(new SecretGetRequest("", 0), "{\"path\":null,\"version\":null}");
        assertReads(new RestoreResponse(0, 0, false, ""), "{\"restored\":null}");
    }

    @Test
    void topLevelNullReadsAsTheZeroValueLikeGo() throws Exception {
        assertEquals(new SecretGetRequest("", 0), read("null", SecretGetRequest.class));
        assertEquals(new SecretGetRequest("", 0), read(" null \n", SecretGetRequest.class));
    }

    @Test
    void whitespaceAroundTheObjectIsAllowed() {
        assertReads(SecretListRequest.INSTANCE, " \t\r\n{ } \n");
    }

    @Test
    void lastDuplicateFieldWinsLikeGo() {
        assertReads(new SecretGetRequest("second", 0), "{\"path\":\"first\",\"PATH\":\"second\"}");
    }

    @Test
    void invalidUtf8InAStringBecomesReplacementCharacterLikeGo() throws Exception {
        byte[] body = {'{', '"', 'p', 'a', 't', 'h', '"', ':', '"', 'a', (byte) 0xFF, '"', '}'};
        assertEquals("a\uFFFD", WireJson.read(body, SecretGetRequest.class).path());
    }

    @Test
    void byteArraysReadFromPaddedStandardBase64() throws Exception {
        CipherEncryptRequest request = read("{\"plaintext\":\"aGk/Pz4+\"}", CipherEncryptRequest.class);
        assertArrayEquals("hi??>>".getBytes(StandardCharsets.US_ASCII), request.plaintext());
    }

    @Test
    void byteArraysAlsoReadFromArraysOfNumbersLikeGo() throws Exception {
        assertArrayEquals(new byte[] {1, 2}, read("{\"plaintext\":[1,2]}", CipherEncryptRequest.class).plaintext());
    }

    // ---- reading: what Go refuses ----

    @Test
    void emptyBodyIsMalformed() {
        assertThrows(MalformedJsonException.class, () -> WireJson.read(new byte[0], SecretListRequest.class));
        assertThrows(MalformedJsonException.class, () -> WireJson.read(null, SecretListRequest.class));
        assertMalformed("  \n", SecretListRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"x\"", "1", "true", "[{}]"})
    void topLevelMustBeAnObject(String body) {
        MalformedJsonException e = assertMalformed(body, SecretGetRequest.class);
        assertTrue(e.getMessage().contains("expected a JSON object"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{}x", "{}]", "null null", "{\"path\":\"a\"},"})
    void trailingDataIsMalformed(String body) {
        assertMalformed(body, SecretGetRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{", "{\"path\":}", "{'path':'a'}", "{path:\"a\"}", "{\"version\":01}", "{\"path\":\"a\",}",
        "{\"version\":NaN}", "/* c */ {}", "\uFEFF{}", "{\"path\":\"a\u0001\"}"
    })
    void syntaxErrorsAreMalformed(String body) {
        assertMalformed(body, SecretGetRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"version\":\"3\"}", "{\"version\":1.5}", "{\"version\":1.0}", "{\"version\":1e2}",
        "{\"version\":true}", "{\"version\":[1]}", "{\"version\":{}}", "{\"version\":\"\"}",
        "{\"version\":99999999999}"
    })
    void intFieldsTakeOnlyWholeNumbers(String body) {
        assertMalformed(body, SecretGetRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"path\":1}", "{\"path\":1.5}", "{\"path\":true}", "{\"path\":[\"a\"]}", "{\"path\":{}}"})
    void stringFieldsTakeOnlyStrings(String body) {
        assertMalformed(body, SecretGetRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"restored\":1}", "{\"restored\":\"true\"}", "{\"restored\":0}"})
    void boolFieldsTakeOnlyBooleans(String body) {
        assertMalformed(body, RestoreResponse.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"versions\":1}", "{\"versions\":\"1\"}", "{\"versions\":[\"1\"]}", "{\"versions\":[1.5]}",
        "{\"versions\":{}}"
    })
    void listFieldsTakeOnlyArraysOfTheRightType(String body) {
        assertMalformed(body, SecretDeleteRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"values\":\"\"}", "{\"values\":[]}", "{\"values\":{\"k\":1}}", "{\"values\":{\"k\":{}}}"})
    void mapFieldsTakeOnlyObjectsOfTheRightType(String body) {
        assertMalformed(body, SecretPutRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"plaintext\":\"AQ\"}", "{\"plaintext\":\"A\"}", "{\"plaintext\":\"-_8=\"}", "{\"plaintext\":1}"})
    void byteArraysNeedPaddedStandardBase64(String body) {
        assertMalformed(body, CipherEncryptRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"version\":256}", "{\"version\":-1}"})
    void cipherVersionMustFitAByte(String body) {
        assertMalformed(body, CipherDecryptRequest.class);
    }

    @Test
    void nullElementsBecomeGoZeroValues() {
        assertReads(new SecretDeleteRequest("p", List.of(0, 2)), "{\"path\":\"p\",\"versions\":[null,2]}");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("k", "");
        assertReads(new SecretPutRequest("p", values), "{\"path\":\"p\",\"values\":{\"k\":null}}");
    }

    @Test
    void malformedMessagesNeverQuoteTheBody() {
        String secret = "hunter2-very-secret";
        for (String body : List.of(
                "{\"values\":{\"k\":" + secret + "}}",
                "{\"values\":{\"k\":\"" + secret + "\"}} " + secret,
                "{\"path\":\"" + secret + "\",\"values\":{\"k\":[\"" + secret + "\"]}}",
                secret)) {
            MalformedJsonException e = assertMalformed(body, SecretPutRequest.class);
            assertFalse(e.getMessage().contains(secret), e.getMessage());
            assertTrue(e.getMessage().startsWith("malformed JSON for SecretPutRequest: "), e.getMessage());
            assertEquals(null, e.getCause());
        }
    }

    @Test
    void malformedMessagesSayWhatAndWhere() {
        assertEquals("malformed JSON for SecretGetRequest: empty body",
                assertMalformed("", SecretGetRequest.class).getMessage());
        assertEquals("malformed JSON for SecretGetRequest: expected a JSON object, found an array",
                assertMalformed("[]", SecretGetRequest.class).getMessage());
        assertEquals("malformed JSON for SecretGetRequest: wrong type or value at field 'version' (line 1, column 12)",
                assertMalformed("{\"version\":\"3\"}", SecretGetRequest.class).getMessage());
        assertEquals("malformed JSON for SecretGetRequest: trailing data after the JSON value (line 1, column 4)",
                assertMalformed("{} {}", SecretGetRequest.class).getMessage());
        assertEquals("malformed JSON for SecretGetRequest: invalid JSON syntax (line 1, column 9)",
                assertMalformed("{\"path\":", SecretGetRequest.class).getMessage());
    }

    // ---- writing: like Go ----

    @Test
    void htmlCharactersAndLineSeparatorsAreEscapedLikeGo() {
        assertWrites("{\"path\":\"\\u003ca\\u003e \\u0026 \\u2028\\u2029\"}",
                new SecretGetRequest("<a> & \u2028\u2029", 0));
    }

    @Test
    void controlCharactersAreEscapedLikeGo() {
        assertWrites("{\"path\":\"\\\"\\\\\\n\\r\\t\\b\\f\\u0000\\u001f\u007f/\"}",
                new SecretGetRequest("\"\\\n\r\t\b\f\u0000\u001f\u007f/", 0));
    }

    @Test
    void nonAsciiIsWrittenAsRawUtf8LikeGo() {
        byte[] written = WireJson.write(new SecretGetRequest("é€😀", 0));
        assertArrayEquals("{\"path\":\"é€😀\"}".getBytes(StandardCharsets.UTF_8), written);
    }

    @Test
    void mapKeysAreEscapedAndSortedByTheirStringLikeGo() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("b", "2");
        data.put("<", "x");
        data.put("a", "1");
        data.put("\uFB01", "ligature");
        data.put("😀", "emoji");
        assertWrites("{\"data\":{\"\\u003c\":\"x\",\"a\":\"1\",\"b\":\"2\",\"\uFB01\":\"ligature\",\"😀\":\"emoji\"}}",
                SecretGetResponse.of(data));
    }

    @Test
    void byteArraysAreWrittenAsPaddedStandardBase64() {
        assertWrites("{\"plaintext\":\"+/8=\"}", CipherEncryptRequest.of(new byte[] {(byte) 0xFB, (byte) 0xFF}));
        assertWrites("{\"plaintext\":\"\"}", CipherEncryptRequest.of(new byte[0]));
        assertWrites("{\"plaintext\":null}", CipherEncryptRequest.of(null));
    }

    @Test
    void writtenBodiesHaveNoTrailingNewline() {
        assertEquals("{}", WireJson.writeString(SecretListRequest.INSTANCE));
    }

    @Test
    void newObjectMapperIsAnIndependentCopy() throws Exception {
        var copy = WireJson.newObjectMapper();
        assertEquals("{\"path\":\"\\u003c\"}", copy.writeValueAsString(new SecretGetRequest("<", 0)));
        copy.enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        assertEquals("{\"path\":\"x\"}", WireJson.writeString(new SecretGetRequest("x", 0)));
    }

    @Test
    void restoreRequestWithoutShardReadsAsNull() {
        assertReads(new RestoreRequest(2, null), "{\"id\":2}");
        assertReads(new RestoreRequest(2, null), "{\"id\":2,\"shard\":null}");
    }
}
