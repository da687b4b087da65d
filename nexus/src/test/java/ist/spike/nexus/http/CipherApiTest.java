package ist.spike.nexus.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ist.spike.common.crypto.AeadException;
import ist.spike.common.crypto.AesGcm;
import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.shamir.Shamir;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.nexus.NexusFixture;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cipher routes (docs/api.md, "Cipher"): JSON and octet-stream round trips, upstream-compatible
 * ciphertexts under the root key, and the documented error for each kind of bad input.
 */
class CipherApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENCRYPT = "/v1/cipher/encrypt";
    private static final String DECRYPT = "/v1/cipher/decrypt";
    private static final String STREAM = "application/octet-stream";
    private static final String SU = NexusFixture.SUPERUSER;
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private static SecretBytes rootKey;
    private static NexusFixture nexus;

    @BeforeAll
    static void start() throws Exception {
        rootKey = Shamir.newRootKey();
        nexus = NexusFixture.sqliteWithKey(SecretBytes.copyOf(rootKey.copyRawBytes()));
    }

    @AfterAll
    static void stop() throws Exception {
        nexus.close();
    }

    private static MtlsResponse json(String route, String body) throws Exception {
        return nexus.post(SU, route, "", body);
    }

    private static MtlsResponse stream(String route, byte[] body) throws Exception {
        return nexus.post(SU, route, "", STREAM, body);
    }

    private static String encryptJson(byte[] plaintext) {
        return "{\"plaintext\":\"" + B64.encodeToString(plaintext) + "\"}";
    }

    private static String decryptJson(int version, byte[] nonce, byte[] ciphertext) {
        return "{\"version\":" + version + ",\"nonce\":\"" + B64.encodeToString(nonce) + "\",\"ciphertext\":\""
                + B64.encodeToString(ciphertext) + "\"}";
    }

    private static void assertText(int status, String text, MtlsResponse r) {
        assertEquals(status, r.status(), r::bodyText);
        assertEquals("text/plain;charset=utf-8", r.headers().firstValue("content-type").orElse(""));
        assertEquals(text + "\n", r.bodyText());
    }

    private static void assertJson(int status, String body, MtlsResponse r) {
        assertEquals(status, r.status(), r::bodyText);
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
        assertEquals(body, r.bodyText());
    }

    @Test
    void jsonRoundTrip() throws Exception {
        byte[] plaintext = "attack at dawn".getBytes(StandardCharsets.UTF_8);
        MtlsResponse sealed = json(ENCRYPT, encryptJson(plaintext));
        assertEquals(200, sealed.status(), sealed.bodyText());
        JsonNode node = JSON.readTree(sealed.body());
        assertEquals(1, node.get("version").asInt());
        byte[] nonce = node.get("nonce").binaryValue();
        byte[] ciphertext = node.get("ciphertext").binaryValue();
        assertEquals(12, nonce.length);
        assertEquals(plaintext.length + 16, ciphertext.length);
        MtlsResponse opened = json(DECRYPT, decryptJson(1, nonce, ciphertext));
        assertJson(200, "{\"plaintext\":\"" + B64.encodeToString(plaintext) + "\"}", opened);
    }

    @Test
    void streamRoundTripAndFormat() throws Exception {
        byte[] plaintext = new byte[1000];
        for (int i = 0; i < plaintext.length; i++) {
            plaintext[i] = (byte) i;
        }
        MtlsResponse sealed = stream(ENCRYPT, plaintext);
        assertEquals(200, sealed.status());
        assertEquals(STREAM, sealed.headers().firstValue("content-type").orElse(""));
        byte[] blob = sealed.body();
        assertEquals(1 + 12 + plaintext.length + 16, blob.length);
        assertEquals(1, blob[0]);
        MtlsResponse opened = stream(DECRYPT, blob);
        assertEquals(200, opened.status());
        assertArrayEquals(plaintext, opened.body());
        // The two modes are the same cipher: a stream blob opens in JSON mode too.
        MtlsResponse viaJson = json(DECRYPT, decryptJson(1, Arrays.copyOfRange(blob, 1, 13),
                Arrays.copyOfRange(blob, 13, blob.length)));
        assertEquals(B64.encodeToString(plaintext), JSON.readTree(viaJson.body()).get("plaintext").asText());
    }

    @Test
    void emptyPlaintextRoundTrips() throws Exception {
        MtlsResponse sealed = stream(ENCRYPT, new byte[0]);
        assertEquals(29, sealed.body().length);
        assertArrayEquals(new byte[0], stream(DECRYPT, sealed.body()).body());
        assertEquals(200, json(ENCRYPT, "{}").status(), "a missing plaintext is the empty one, as in Go");
    }

    @Test
    void ciphertextsKeepUpstreamsFormatButNotItsKey() throws Exception {
        // Upstream's format: version 1, a 12-byte nonce, ciphertext with its 16-byte tag, no associated data;
        // the two modes' outputs are interchangeable.
        byte[] plaintext = "from upstream".getBytes(StandardCharsets.UTF_8);
        byte[] ours = stream(ENCRYPT, plaintext).body();
        assertEquals(1, ours[0]);
        assertEquals(1 + 12 + plaintext.length + 16, ours.length);
        byte[] nonce = Arrays.copyOfRange(ours, 1, 13);
        byte[] sealed = Arrays.copyOfRange(ours, 13, ours.length);
        JsonNode opened = JSON.readTree(json(DECRYPT, decryptJson(1, nonce, sealed)).body());
        assertArrayEquals(plaintext, opened.get("plaintext").binaryValue());
        // The key is the keyring's cipher key: the root key (what upstream used) does not open it.
        assertThrows(AeadException.class,
                () -> AesGcm.create(rootKey).openDetached(nonce, sealed, AesGcm.NO_ASSOCIATED_DATA));
    }

    @Test
    void tamperedCiphertextFails() throws Exception {
        byte[] blob = stream(ENCRYPT, "x".getBytes(StandardCharsets.UTF_8)).body();
        byte[] tampered = blob.clone();
        tampered[tampered.length - 1] ^= 1;
        assertText(400, "decryption failed", stream(DECRYPT, tampered));
        byte[] nonce = Arrays.copyOfRange(tampered, 1, 13);
        byte[] ciphertext = Arrays.copyOfRange(tampered, 13, tampered.length);
        // JSON mode answers a failed authentication with 500, as upstream does (docs/policies-and-cipher.md).
        assertJson(500, "{\"plaintext\":null,\"err\":\"api_internal_error\"}", json(DECRYPT, decryptJson(1, nonce, ciphertext)));
        assertJson(500, "{\"plaintext\":null,\"err\":\"api_internal_error\"}", json(DECRYPT, decryptJson(1, nonce, new byte[3])));
    }

    @Test
    void wrongVersionFails() throws Exception {
        byte[] blob = stream(ENCRYPT, "x".getBytes(StandardCharsets.UTF_8)).body();
        byte[] v2 = blob.clone();
        v2[0] = 2;
        assertText(400, "crypto_unsupported_version", stream(DECRYPT, v2));
        assertJson(400, "{\"plaintext\":null,\"err\":\"api_bad_request\"}",
                json(DECRYPT, decryptJson(2, Arrays.copyOfRange(blob, 1, 13), Arrays.copyOfRange(blob, 13, blob.length))));
        assertJson(400, "{\"plaintext\":null,\"err\":\"api_bad_request\"}",
                json(DECRYPT, decryptJson(0, new byte[12], new byte[20])));
        assertJson(400, "{\"plaintext\":null,\"err\":\"api_bad_request\"}",
                json(DECRYPT, "{\"version\":256,\"nonce\":\"AAAAAAAAAAAAAAAA\",\"ciphertext\":\"\"}"));
        assertText(400, "crypto_failed_to_read_version", stream(DECRYPT, new byte[0]));
    }

    @Test
    void shortNonceFails() throws Exception {
        assertText(400, "crypto_failed_to_read_nonce", stream(DECRYPT, new byte[] {1, 2, 3, 4, 5}));
        assertText(400, "crypto_failed_to_read_nonce", stream(DECRYPT, new byte[] {1}));
        assertJson(400, "{\"plaintext\":null,\"err\":\"api_bad_request\"}", json(DECRYPT, decryptJson(1, new byte[11], new byte[20])));
        assertJson(400, "{\"plaintext\":null,\"err\":\"api_bad_request\"}", json(DECRYPT, "{\"version\":1,\"ciphertext\":\"AAAA\"}"));
        // Whole nonce, nothing after it: a failed decryption, not a format error.
        assertText(400, "decryption failed", stream(DECRYPT, Arrays.copyOf(new byte[] {1}, 13)));
    }

    @Test
    void oversizedInputFailsWithJson() throws Exception {
        byte[] max = new byte[65_536];
        byte[] over = new byte[65_537];
        assertEquals(200, stream(ENCRYPT, max).status());
        assertEquals(200, json(ENCRYPT, encryptJson(max)).status());
        assertJson(400, "{\"version\":0,\"nonce\":null,\"ciphertext\":null,\"err\":\"api_bad_request\"}", stream(ENCRYPT, over));
        assertJson(400, "{\"version\":0,\"nonce\":null,\"ciphertext\":null,\"err\":\"api_bad_request\"}",
                json(ENCRYPT, encryptJson(over)));
        assertJson(400, "{\"plaintext\":null,\"err\":\"api_bad_request\"}", json(DECRYPT, decryptJson(1, new byte[12], over)));
        byte[] bigBlob = new byte[13 + 65_537];
        bigBlob[0] = 1;
        assertJson(400, "{\"plaintext\":null,\"err\":\"api_bad_request\"}", stream(DECRYPT, bigBlob));
    }

    @Test
    void streamModeNeedsExactlyTheOctetStreamType() throws Exception {
        MtlsResponse r = nexus.post(SU, ENCRYPT, "", "application/octet-stream; charset=binary", new byte[] {1, 2});
        assertJson(400, "{\"version\":0,\"nonce\":null,\"ciphertext\":null,\"err\":\"api_bad_request\"}", r);
    }

    @Test
    void unauthorisedCallersGetJson401InBothModes() throws Exception {
        String stranger = "spiffe://spike.ist/workload/stranger";
        MtlsResponse r = nexus.post(stranger, ENCRYPT, "", STREAM, new byte[] {1});
        assertJson(401, "{\"version\":0,\"nonce\":null,\"ciphertext\":null,\"err\":\"access_unauthorized\"}", r);
        assertJson(401, "{\"plaintext\":null,\"err\":\"access_unauthorized\"}", nexus.post(stranger, DECRYPT, "", "{}"));
    }

    @Test
    void memoryBackendUsesAKeyOfItsOwn() throws Exception {
        try (NexusFixture memory = NexusFixture.memory()) {
            byte[] blob = memory.post(SU, ENCRYPT, "", STREAM, new byte[] {7}).body();
            assertArrayEquals(new byte[] {7}, memory.post(SU, DECRYPT, "", STREAM, blob).body());
            assertText(400, "decryption failed", stream(DECRYPT, blob));
        }
    }

    @Test
    void liteBackendServesOnlyCipherAndOperatorRoutes() throws Exception {
        SecretBytes key = Shamir.newRootKey();
        AesGcm rootCipher = AesGcm.create(key);
        try (NexusFixture lite = NexusFixture.lite(key)) {
            String liteWorkload = "spiffe://spike.ist/spike/workload/role/lite";
            byte[] blob = lite.post(liteWorkload, ENCRYPT, "", STREAM, new byte[] {9}).body();
            assertArrayEquals(new byte[] {9}, rootCipher.openDetached(Arrays.copyOfRange(blob, 1, 13),
                    Arrays.copyOfRange(blob, 13, blob.length), AesGcm.NO_ASSOCIATED_DATA), "the key is the root key");
            assertArrayEquals(new byte[] {9}, lite.post(SU, DECRYPT, "", STREAM, blob).body());
            for (String[] route : new String[][] {{"/v1/store/secrets", ""}, {"/v1/store/secrets", "get"},
                {"/v1/store/secrets", "list"}, {"/v1/store/secrets/metadata", "get"}, {"/v1/acl/policy", ""},
                {"/v1/acl/policy", "list"}}) {
                assertJson(400, "{\"err\":\"api_bad_request\"}", lite.post(SU, route[0], route[1], "{}"));
            }
            assertEquals(200, lite.post("spiffe://spike.ist/spike/pilot/role/recover", "/v1/operator/recover", "",
                    "{}").status());
        }
    }
}
