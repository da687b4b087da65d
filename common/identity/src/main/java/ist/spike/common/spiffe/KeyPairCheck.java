package ist.spike.common.spiffe;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Proves a private key belongs to a certificate by signing and verifying a probe. java-spiffe's
 * parser does not check this, and a key from a different SVID (files replaced one at a time)
 * would only show up later as failing handshakes.
 */
final class KeyPairCheck {
    private static final byte[] PROBE = "spike svid key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private KeyPairCheck() {}

    static void requireMatch(PrivateKey privateKey, PublicKey publicKey) throws GeneralSecurityException {
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new GeneralSecurityException("unsupported SVID key algorithm " + publicKey.getAlgorithm());
        };
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(privateKey);
        signer.update(PROBE);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(PROBE);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException("the private key does not belong to the SVID certificate");
        }
    }
}
