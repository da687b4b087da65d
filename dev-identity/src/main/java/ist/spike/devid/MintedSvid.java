package ist.spike.devid;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One X.509-SVID minted by the dev CA: the leaf (first in {@code chain}), its private key and the CA
 * certificates that verify it. The key is never printed: {@link #toString()} leaves it out.
 */
public record MintedSvid(String spiffeId, List<X509Certificate> chain, PrivateKey privateKey,
                         List<X509Certificate> bundle) {

    public MintedSvid {
        chain = List.copyOf(chain);
        bundle = List.copyOf(bundle);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an SVID needs at least its leaf certificate");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The leaf then any intermediates, PEM (the spiffe-helper svid.pem). */
    public String chainPem() {
        return Pem.certificates(chain);
    }

    /** The private key as PKCS#8 PEM (the spiffe-helper svid_key.pem). Handle with care. */
    public String privateKeyPem() {
        return Pem.privateKey(privateKey);
    }

    /** The CA certificates, PEM (the spiffe-helper svid_bundle.pem). */
    public String bundlePem() {
        return Pem.certificates(bundle);
    }

    @Override
    public String toString() {
        return "MintedSvid[" + spiffeId + ", serial " + leaf().getSerialNumber().toString(16)
                + ", notAfter " + leaf().getNotAfter().toInstant() + "]";
    }
}
