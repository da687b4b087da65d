package ist.spike.common.spiffe;

import io.spiffe.exception.InvalidSpiffeIdException;
import io.spiffe.spiffeid.SpiffeId;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The SPIFFE ID of a peer: the one URI SAN (type 6) of the leaf of a chain TLS has already validated.
 * Subject names, DNS names and anything the peer says in the request are never used.
 */
public final class PeerIds {
    private static final int URI_SAN = 6;

    private PeerIds() {}

    /** The ID of the leaf, {@code chain[0]}. */
    public static SpiffeId fromChain(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no peer certificate");
        }
        return fromLeaf(chain[0]);
    }

    /**
     * The ID in the leaf's only URI SAN.
     *
     * @throws CertificateException if the leaf has no URI SAN, more than one, or one that is not a SPIFFE ID
     */
    public static SpiffeId fromLeaf(X509Certificate leaf) throws CertificateException {
        List<String> uris = uriSans(leaf);
        if (uris.size() != 1) {
            throw new CertificateException("peer certificate must have exactly one URI SAN (a SPIFFE ID), has "
                    + uris.size() + (uris.isEmpty() ? "" : ": " + uris));
        }
        try {
            return SpiffeId.parse(uris.get(0));
        } catch (InvalidSpiffeIdException | IllegalArgumentException e) {
            throw new CertificateException("peer certificate's URI SAN is not a SPIFFE ID: " + uris.get(0)
                    + " (" + e.getMessage() + ")", e);
        }
    }

    private static List<String> uriSans(X509Certificate leaf) throws CertificateParsingException {
        Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
        List<String> uris = new ArrayList<>();
        if (sans != null) {
            for (List<?> san : sans) {
                if (san.size() >= 2 && Integer.valueOf(URI_SAN).equals(san.get(0))) {
                    uris.add(String.valueOf(san.get(1)));
                }
            }
        }
        return uris;
    }
}
