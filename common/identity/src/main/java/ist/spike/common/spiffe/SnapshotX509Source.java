package ist.spike.common.spiffe;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.exception.BundleNotFoundException;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.workloadapi.X509Source;
import java.util.function.Supplier;

/**
 * java-spiffe's view of whichever {@link X509Identity} is current. Its key and trust managers ask on
 * every handshake, so a swapped identity is used from the next handshake on.
 */
final class SnapshotX509Source implements X509Source {
    private final Supplier<X509Identity> current;
    private final String origin;
    private final Runnable onClose;

    /**
     * @param origin where the identity comes from, for the bundle-not-found message
     * @param onClose what closing this view closes (the identity source it belongs to)
     */
    SnapshotX509Source(Supplier<X509Identity> current, String origin, Runnable onClose) {
        this.current = current;
        this.origin = origin;
        this.onClose = onClose;
    }

    @Override
    public X509Svid getX509Svid() {
        return current.get().svid();
    }

    @Override
    public X509Bundle getBundleForTrustDomain(TrustDomain trustDomain) throws BundleNotFoundException {
        X509Bundle bundle = current.get().bundles().get(trustDomain);
        if (bundle == null) {
            throw new BundleNotFoundException("no X.509 bundle for trust domain " + trustDomain + " from " + origin);
        }
        return bundle;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
