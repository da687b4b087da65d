package ist.spike.common.spiffe;

import io.spiffe.spiffeid.SpiffeId;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.workloadapi.X509Source;

/**
 * Where this program's X.509-SVID and trust bundle come from: the SPIFFE Workload API or SVID
 * files. The one place the rest of SPIKE touches java-spiffe's {@link X509Source}; key and trust
 * managers read it on every handshake, so rotations need no restart.
 */
public interface IdentitySource extends AutoCloseable {

    /** The live source for java-spiffe's key and trust managers. */
    X509Source x509Source();

    /** The current SVID (it changes when the SVID rotates). */
    default X509Svid svid() {
        return x509Source().getX509Svid();
    }

    /** This program's own SPIFFE ID, from the current SVID. */
    default SpiffeId spiffeId() {
        return svid().getSpiffeId();
    }

    /** Where the identity comes from, for logs: "SPIFFE Workload API at unix:///...", "SVID files in /...". */
    String description();

    @Override
    void close();
}
