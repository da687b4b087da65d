package ist.spike.common.wire;

import static ist.spike.common.wire.WireAssert.assertMalformed;
import static ist.spike.common.wire.WireAssert.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ist.spike.common.wire.cipher.CipherEncryptRequest;
import ist.spike.common.wire.secret.SecretGetRequest;
import org.junit.jupiter.api.Test;

/**
 * Pins where this mapper still reads differently from Go's encoding/json (listed in {@link WireJson}), so a
 * Jackson upgrade that changes one of them is noticed. Every case is input a Go client never produces.
 */
class GoDifferencesTest {
    @Test
    void longSIsNotFoldedToS() throws Exception {
        assertEquals("", read("{\"pa\u017Fth\":\"x\"}", SecretGetRequest.class).path()); // Go: "x"
    }

    @Test
    void intsBeyondJavaIntAreRefused() {
        assertMalformed("{\"version\":2147483648}", SecretGetRequest.class); // Go: accepted
    }

    @Test
    void base64WhitespaceHandlingDiffers() throws Exception {
        assertMalformed("{\"plaintext\":\"AQ\\n==\"}", CipherEncryptRequest.class); // Go: [1]
        assertArrayEquals(new byte[] {1}, read("{\"plaintext\":\"AQ==\\t\"}", CipherEncryptRequest.class).plaintext()); // Go: error
    }

    @Test
    void negativeNumbersAreAcceptedInByteArrays() throws Exception {
        assertArrayEquals(new byte[] {-1}, read("{\"plaintext\":[-1]}", CipherEncryptRequest.class).plaintext()); // Go: error
    }

    @Test
    void escapedLoneSurrogateIsKept() throws Exception {
        assertEquals("\uD800", read("{\"path\":\"\\ud800\"}", SecretGetRequest.class).path()); // Go: U+FFFD
    }

    @Test
    void nestingIsLimitedTo1000() {
        String deep = "{\"unknown\":" + "[".repeat(1001) + "]".repeat(1001) + "}";
        assertMalformed(deep, SecretGetRequest.class); // Go: accepted (limit 10000)
    }
}
