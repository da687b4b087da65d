package ist.spike.nexus.http;

import ist.spike.common.crypto.AeadException;
import ist.spike.common.crypto.AesGcm;
import ist.spike.common.wire.ErrorCode;
import ist.spike.common.wire.cipher.CipherBlob;
import ist.spike.common.wire.cipher.CipherDecryptRequest;
import ist.spike.common.wire.cipher.CipherDecryptResponse;
import ist.spike.common.wire.cipher.CipherEncryptRequest;
import ist.spike.common.wire.cipher.CipherEncryptResponse;
import ist.spike.nexus.cipher.CipherService;

/**
 * Encryption as a service (docs/api.md, "Cipher"), in JSON mode and octet-stream mode.
 * Size limits answer 400 JSON in both modes; in stream mode a malformed blob or a failed decryption
 * answers 400 text/plain with upstream's text, in JSON mode a failed decryption is 500 (as upstream).
 */
public final class CipherRoutes {
    static final String ENCRYPT = "/v1/cipher/encrypt";
    static final String DECRYPT = "/v1/cipher/decrypt";
    private static final byte[] EMPTY = new byte[0];

    private final CipherService cipher;
    private final Access access;
    private final int maxBytes;

    /** @param maxBytes SPIKE_NEXUS_CRYPTO_MAX_CIPHERTEXT_SIZE: the largest plaintext or ciphertext accepted */
    public CipherRoutes(CipherService cipher, Access access, int maxBytes) {
        this.cipher = cipher;
        this.access = access;
        this.maxBytes = maxBytes;
    }

    public void addTo(RouteTable table) {
        table.add(Route.<CipherBody<CipherEncryptRequest>>post(ENCRYPT, "")
                .guard(Guard.identity(access::cipher, access::mayEverUseCipher))
                .decoder(CipherBody.decoder(CipherEncryptRequest.class))
                .validator(body -> JsonBodies.require(plaintextOf(body).length <= maxBytes))
                .handler(call -> encrypt(call.request()))
                .errorBody(CipherEncryptResponse::error)
                .build());

        table.add(Route.<CipherBody<CipherDecryptRequest>>post(DECRYPT, "")
                .guard(Guard.identity(access::cipher, access::mayEverUseCipher))
                .decoder(CipherBody.decoder(CipherDecryptRequest.class))
                .validator(this::validateDecrypt)
                .handler(call -> decrypt(call.request()))
                .errorBody(CipherDecryptResponse::error)
                .build());
    }

    private static byte[] plaintextOf(CipherBody<CipherEncryptRequest> body) {
        byte[] plaintext = body.isStream() ? body.raw() : body.json().plaintext();
        return plaintext == null ? EMPTY : plaintext;
    }

    private Reply encrypt(CipherBody<CipherEncryptRequest> body) throws ApiException {
        requireKey();
        byte[] plaintext = plaintextOf(body);
        if (body.isStream()) {
            return Reply.bytes(cipher.encryptToBlob(plaintext), CipherBody.OCTET_STREAM);
        }
        AesGcm.Detached sealed = cipher.encrypt(plaintext);
        return Reply.json(CipherEncryptResponse.of(sealed.nonce(), sealed.ciphertext()));
    }

    /** Sizes first (400 JSON in both modes); the JSON mode's version and nonce too. */
    private void validateDecrypt(CipherBody<CipherDecryptRequest> body) throws ApiException {
        if (body.isStream()) {
            JsonBodies.require(body.raw().length <= CipherBlob.HEADER_LENGTH + maxBytes);
            return;
        }
        CipherDecryptRequest r = body.json();
        JsonBodies.require(r.version() == CipherBlob.VERSION);
        JsonBodies.require(r.nonce() != null && r.nonce().length == AesGcm.NONCE_LENGTH);
        JsonBodies.require(r.ciphertext() == null || r.ciphertext().length <= maxBytes);
    }

    private Reply decrypt(CipherBody<CipherDecryptRequest> body) throws ApiException {
        requireKey();
        if (body.isStream()) {
            CipherBlob.Parts parts;
            try {
                parts = CipherBlob.split(body.raw());
            } catch (CipherBlob.MalformedBlobException e) {
                throw ApiException.plainText(ErrorCode.API_BAD_REQUEST, e.problem().wireText());
            }
            try {
                return Reply.bytes(cipher.decrypt(parts.nonce(), parts.ciphertext()), CipherBody.OCTET_STREAM);
            } catch (AeadException e) {
                throw ApiException.plainText(ErrorCode.API_BAD_REQUEST, "decryption failed");
            }
        }
        CipherDecryptRequest r = body.json();
        try {
            return Reply.json(CipherDecryptResponse.of(cipher.decrypt(r.nonce(),
                    r.ciphertext() == null ? EMPTY : r.ciphertext())));
        } catch (AeadException e) {
            // Upstream answers a failed authentication in JSON mode with 500 (docs/policies-and-cipher.md); kept.
            throw new ApiException(ErrorCode.API_INTERNAL_ERROR);
        }
    }

    private void requireKey() throws ApiException {
        if (!cipher.isReady()) {
            throw new ApiException(ErrorCode.STATE_NOT_READY);
        }
    }
}
