package ist.spike.common.wire.bootstrap;

import static ist.spike.common.wire.WireAssert.assertReads;
import static ist.spike.common.wire.WireAssert.assertRoundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ist.spike.common.wire.ErrorCode;
import org.junit.jupiter.api.Test;

class BootstrapWireTest {
    private static final byte[] NONCE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    private static final byte[] CIPHERTEXT = {(byte) 0xFF, (byte) 0xFE, 0x3E};
    private static final String HASH = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @Test
    void verifyRequest() {
        assertRoundTrip("{\"nonce\":\"AQIDBAUGBwgJCgsM\",\"ciphertext\":\"//4+\"}", new BootstrapVerifyRequest(NONCE, CIPHERTEXT));
        assertRoundTrip("{\"nonce\":null,\"ciphertext\":null}", new BootstrapVerifyRequest(null, null));
        assertReads(new BootstrapVerifyRequest(NONCE, CIPHERTEXT),
                "{\"Nonce\":\"AQIDBAUGBwgJCgsM\",\"CIPHERTEXT\":\"//4+\",\"version\":1}");
        assertEquals("BootstrapVerifyRequest[nonce=[12 bytes, redacted], ciphertext=[3 bytes, redacted]]",
                new BootstrapVerifyRequest(NONCE, CIPHERTEXT).toString());
    }

    @Test
    void verifyResponse() {
        assertRoundTrip("{\"hash\":\"" + HASH + "\"}", BootstrapVerifyResponse.of(HASH));
        assertReads(BootstrapVerifyResponse.of(HASH), "{\"HASH\":\"" + HASH + "\",\"Err\":\"\"}");
    }

    @Test
    void verifyErrorBodyHasAnEmptyHash() {
        assertRoundTrip("{\"hash\":\"\",\"err\":\"api_internal_error\"}", BootstrapVerifyResponse.error(ErrorCode.API_INTERNAL_ERROR));
        assertRoundTrip("{\"hash\":\"\",\"err\":\"api_bad_request\"}", BootstrapVerifyResponse.error(ErrorCode.API_BAD_REQUEST));
        assertRoundTrip("{\"hash\":\"\",\"err\":\"access_unauthorized\"}", BootstrapVerifyResponse.error(ErrorCode.ACCESS_UNAUTHORIZED));
        assertRoundTrip("{\"hash\":\"\",\"err\":\"state_not_ready\"}", BootstrapVerifyResponse.error(ErrorCode.STATE_NOT_READY));
    }
}
