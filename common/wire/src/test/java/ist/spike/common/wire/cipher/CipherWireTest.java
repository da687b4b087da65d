package ist.spike.common.wire.cipher;

import static ist.spike.common.wire.WireAssert.assertMalformed;
import static ist.spike.common.wire.WireAssert.assertReads;
import static ist.spike.common.wire.WireAssert.assertRoundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ist.spike.common.wire.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Cipher JSON-mode bodies: []byte as padded standard base64, version as a number. */
class CipherWireTest {
    private static final byte[] PLAIN = "hello?>".getBytes(StandardCharsets.US_ASCII); // base64 contains '/'
    private static final byte[] NONCE = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    private static final byte[] CIPHERTEXT = {(byte) 0xFB, (byte) 0xEF, (byte) 0xFF, 0};

    @Test
    void encryptRequest() {
        assertRoundTrip("{\"plaintext\":\"aGVsbG8/Pg==\"}", CipherEncryptRequest.of(PLAIN));
        assertRoundTrip("{\"plaintext\":\"aGVsbG8/Pg==\",\"algorithm\":\"aes-gcm\"}",
                new CipherEncryptRequest(PLAIN, "aes-gcm"));
        assertRoundTrip("{\"plaintext\":null}", CipherEncryptRequest.of(null));
        assertReads(CipherEncryptRequest.of(PLAIN), "{\"PlainText\":\"aGVsbG8/Pg==\",\"other\":1}");
    }

    @Test
    void encryptResponse() {
        assertRoundTrip("{\"version\":1,\"nonce\":\"AAECAwQFBgcICQoL\",\"ciphertext\":\"++//AA==\"}",
                CipherEncryptResponse.of(NONCE, CIPHERTEXT));
        assertReads(CipherEncryptResponse.of(NONCE, CIPHERTEXT),
                "{\"Version\":1,\"NONCE\":\"AAECAwQFBgcICQoL\",\"cipherText\":\"++//AA==\"}");
    }

    @Test
    void encryptErrorBodyIsZeroVersionAndNullBytes() {
        assertRoundTrip("{\"version\":0,\"nonce\":null,\"ciphertext\":null,\"err\":\"api_bad_request\"}",
                CipherEncryptResponse.error(ErrorCode.API_BAD_REQUEST));
        assertRoundTrip("{\"version\":0,\"nonce\":null,\"ciphertext\":null,\"err\":\"access_unauthorized\"}",
                CipherEncryptResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
        assertRoundTrip("{\"version\":0,\"nonce\":null,\"ciphertext\":null,\"err\":\"api_internal_error\"}",
                CipherEncryptResponse.error(ErrorCode.API_INTERNAL_ERROR));
        assertRoundTrip("{\"version\":0,\"nonce\":null,\"ciphertext\":null,\"err\":\"state_not_ready\"}",
                CipherEncryptResponse.error(ErrorCode.STATE_NOT_READY));
    }

    @Test
    void decryptRequest() {
        assertRoundTrip("{\"version\":1,\"nonce\":\"AAECAwQFBgcICQoL\",\"ciphertext\":\"++//AA==\"}",
                CipherDecryptRequest.of(NONCE, CIPHERTEXT));
        assertRoundTrip("{\"version\":255,\"nonce\":null,\"ciphertext\":null,\"algorithm\":\"x\"}",
                new CipherDecryptRequest(255, null, null, "x"));
        assertReads(new CipherDecryptRequest(0, null, null, ""), "{}");
        assertReads(CipherDecryptRequest.of(NONCE, CIPHERTEXT),
                "{\"VERSION\":1,\"Nonce\":\"AAECAwQFBgcICQoL\",\"Ciphertext\":\"++//AA==\",\"x\":[]}");
    }

    @Test
    void decryptVersionIsAByte() {
        assertThrows(IllegalArgumentException.class, () -> new CipherDecryptRequest(256, null, null, ""));
        assertMalformed("{\"version\":256}", CipherDecryptRequest.class);
        assertMalformed("{\"version\":\"1\"}", CipherDecryptRequest.class);
        assertMalformed("{\"version\":1.0}", CipherDecryptRequest.class);
    }

    @Test
    void decryptResponse() {
        assertRoundTrip("{\"plaintext\":\"aGVsbG8/Pg==\"}", CipherDecryptResponse.of(PLAIN));
        assertRoundTrip("{\"plaintext\":null,\"err\":\"api_bad_request\"}", CipherDecryptResponse.error(ErrorCode.API_BAD_REQUEST));
        assertRoundTrip("{\"plaintext\":null,\"err\":\"api_internal_error\"}",
                CipherDecryptResponse.error(ErrorCode.API_INTERNAL_ERROR));
        assertReads(CipherDecryptResponse.of(PLAIN), "{\"PLAINTEXT\":\"aGVsbG8/Pg==\",\"err\":\"\"}");
    }

    @Test
    void toStringNeverShowsBytesAndEqualityIsByContent() {
        assertEquals("CipherEncryptRequest[plaintext=[7 bytes, redacted], algorithm=]", CipherEncryptRequest.of(PLAIN).toString());
        assertEquals("CipherDecryptResponse[plaintext=[7 bytes, redacted], err=]", CipherDecryptResponse.of(PLAIN).toString());
        assertFalse(CipherEncryptResponse.of(NONCE, CIPHERTEXT).toString().contains("AAEC"));
        assertEquals("CipherDecryptRequest[version=1, nonce=[12 bytes, redacted], ciphertext=[4 bytes, redacted], algorithm=]",
                CipherDecryptRequest.of(NONCE, CIPHERTEXT).toString());
        assertEquals(CipherDecryptResponse.of(PLAIN.clone()), CipherDecryptResponse.of(PLAIN));
        assertEquals(CipherDecryptResponse.of(PLAIN.clone()).hashCode(), CipherDecryptResponse.of(PLAIN).hashCode());
        assertNotEquals(CipherDecryptResponse.of(NONCE), CipherDecryptResponse.of(PLAIN));
    }
}
