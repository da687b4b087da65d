package ist.spike.common.spiffe;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.x509svid.X509Svid;
import ist.spike.common.workloadapi.X509SvidResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * An X.509-SVID and the bundles that verify peers, as one immutable value: a source swaps it whole, so
 * a handshake never pairs a new SVID with old bundles.
 */
record X509Identity(X509Svid svid, Map<TrustDomain, X509Bundle> bundles) {

    X509Identity {
        bundles = Map.copyOf(bundles);
    }

    /**
     * The first (default) SVID of a Workload API response, with the bundle of its trust domain and the
     * federated bundles.
     *
     * @throws UnusableSvidException when the response holds no SVID or it does not parse; the message
     *     never holds key bytes
     */
    static X509Identity from(X509SvidResponse response) throws UnusableSvidException {
        if (response.svids().isEmpty()) {
            throw new UnusableSvidException("the response holds no SVID");
        }
        X509SvidResponse.Svid first = response.svids().get(0);
        try {
            X509Svid svid = X509Svid.parseRaw(first.certificates(), first.privateKey());
            Map<TrustDomain, X509Bundle> bundles = new HashMap<>();
            for (var federated : response.federatedBundles().entrySet()) {
                TrustDomain trustDomain = TrustDomain.parse(federated.getKey());
                bundles.put(trustDomain, X509Bundle.parse(trustDomain, federated.getValue()));
            }
            TrustDomain own = svid.getSpiffeId().getTrustDomain();
            bundles.put(own, X509Bundle.parse(own, first.bundle()));
            return new X509Identity(svid, bundles);
        } catch (Exception e) {
            // java-spiffe's messages name the problem, never the key bytes.
            throw new UnusableSvidException(e.getMessage());
        }
    }

    /** For logs: ID, serial and expiry, never key material. */
    String describe() {
        return svid.getSpiffeId() + " (serial " + svid.getLeaf().getSerialNumber().toString(16) + ", expires "
                + svid.getLeaf().getNotAfter().toInstant() + ")";
    }

    /** An answer from the Workload API that does not give a usable SVID. */
    static final class UnusableSvidException extends Exception {
        private static final long serialVersionUID = 1L;

        UnusableSvidException(String message) {
            super(message);
        }
    }
}
