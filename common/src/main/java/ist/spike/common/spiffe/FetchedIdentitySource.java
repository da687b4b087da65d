package ist.spike.common.spiffe;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.exception.BundleNotFoundException;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.workloadapi.X509Source;
import ist.spike.common.workloadapi.X509SvidFetch;
import ist.spike.common.workloadapi.X509SvidResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The identity fetched once from the Workload API on a unix socket, and never updated: for programs
 * that finish well within an SVID's lifetime (the agent hands out SVIDs with at least half of it
 * left), such as the {@code spike} CLI. It starts in milliseconds where java-spiffe's gRPC client
 * takes a few hundred in a fresh JVM.
 */
public final class FetchedIdentitySource implements IdentitySource {
    private final X509Svid svid;
    private final Map<TrustDomain, X509Bundle> bundles;
    private final String address;
    private final Source source = new Source();

    private FetchedIdentitySource(X509Svid svid, Map<TrustDomain, X509Bundle> bundles, String address) {
        this.svid = svid;
        this.bundles = Map.copyOf(bundles);
        this.address = address;
    }

    /**
     * Fetches the SVID from {@code socket}, waiting up to {@code timeout} for the first one.
     *
     * @param address how the socket was named, for messages
     * @throws IdentityUnavailableException when no usable SVID arrived in time
     */
    static FetchedIdentitySource fetch(Path socket, String address, Duration timeout) {
        X509SvidResponse response;
        try {
            response = X509SvidFetch.fetch(socket, timeout);
        } catch (IOException e) {
            throw WorkloadApiIdentitySource.noAnswer(address, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WorkloadApiIdentitySource.noAnswer(address, timeout, e);
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
            return new FetchedIdentitySource(svid, bundles, address);
        } catch (Exception e) {
            // java-spiffe's messages name the problem, never the key bytes.
            throw new IdentityUnavailableException("the SPIFFE Workload API at " + address
                    + " answered with an unusable X.509-SVID: " + e.getMessage(), null);
        }
    }

    @Override
    public X509Source x509Source() {
        return source;
    }

    @Override
    public String description() {
        return "SPIFFE Workload API at " + address + " (fetched once)";
    }

    @Override
    public void close() {
        // Nothing open: the connection ended with the fetch.
    }

    private final class Source implements X509Source {
        @Override
        public X509Svid getX509Svid() {
            return svid;
        }

        @Override
        public X509Bundle getBundleForTrustDomain(TrustDomain trustDomain) throws BundleNotFoundException {
            X509Bundle bundle = bundles.get(trustDomain);
            if (bundle == null) {
                throw new BundleNotFoundException("no X.509 bundle for trust domain " + trustDomain + " from " + address);
            }
            return bundle;
        }

        @Override
        public void close() {
            FetchedIdentitySource.this.close();
        }
    }
}
