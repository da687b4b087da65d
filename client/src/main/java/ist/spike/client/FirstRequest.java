package ist.spike.client;

import ist.spike.common.wire.MalformedJsonException;
import ist.spike.common.wire.WireJson;
import ist.spike.common.wire.secret.SecretGetResponse;
import ist.spike.common.wire.secret.SecretListRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-time work of a process's first request that needs no identity, done ahead of time: the JDK
 * crypto a TLS 1.3 handshake runs (X25519 and P-256 key shares, the P-256 tables behind ECDSA signing
 * and verifying, HMAC for the key schedule, AES-GCM for records), and the JSON mapper. In a fresh JVM
 * the P-256 tables alone are most of it (docs/performance.md); with P-256 certificates any JDK TLS client
 * pays that. Done here, on threads that would otherwise wait, they are ready sooner. Throw-away keys only;
 * nothing here is kept or sent.
 */
final class FirstRequest {
    private FirstRequest() {}

    /** The TLS crypto: the long part. */
    static void prepareTls() {
        try {
            byte[] data = "warm-up".getBytes(StandardCharsets.US_ASCII);
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair p256 = ec.generateKeyPair();
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(p256.getPrivate());
            ecdsa.update(data);
            byte[] signature = ecdsa.sign();
            ecdsa.initVerify(p256.getPublic());
            ecdsa.update(data);
            ecdsa.verify(signature);

            KeyPair x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            KeyAgreement xdh = KeyAgreement.getInstance("X25519");
            xdh.init(x25519.getPrivate());
            xdh.doPhase(x25519.getPublic(), true);
            byte[] shared = xdh.generateSecret();

            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(shared, "HmacSHA256"));
            byte[] key = hmac.doFinal(data);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 16, "AES"), new GCMParameterSpec(128, new byte[12]));
            gcm.doFinal(data);
        } catch (GeneralSecurityException e) {
            // Only a head start: the handshake will do (and report) whatever failed here.
        }
    }

    /** The JSON mapper, for writing requests and reading responses (set up on first use). */
    static void prepareJson() {
        WireJson.write(new SecretListRequest());
        try {
            WireJson.read("{\"data\":{\"k\":\"v\"}}".getBytes(StandardCharsets.US_ASCII), SecretGetResponse.class);
        } catch (MalformedJsonException e) {
            // Only a head start.
        }
    }
}
