package ist.spike.common.tls;

import ist.spike.common.spiffe.PeerIds;
import io.spiffe.spiffeid.SpiffeId;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates the peer's chain against the SPIFFE bundle of its trust domain (java-spiffe's trust
 * manager, told to accept any ID), then lets {@code acceptedPeers} decide on the ID. A refused peer
 * fails the handshake, before any HTTP is read. No hostname checks: SVIDs carry no DNS names.
 * A refused ID is logged as a warning, or handed to the owner's listener (which decides how to report it).
 */
final class PeerCheckingTrustManager extends X509ExtendedTrustManager {
    /** Anyone who can reach the port can fail handshakes in a loop: their warnings are throttled. */
    private static final LogThrottle REFUSALS = LogThrottle.perMinute(20);

    private final X509ExtendedTrustManager chainValidation;
    private final Predicate<SpiffeId> acceptedPeers;
    private final Consumer<SpiffeId> onRefused;

    PeerCheckingTrustManager(X509ExtendedTrustManager chainValidation, Predicate<SpiffeId> acceptedPeers) {
        this(chainValidation, acceptedPeers, null);
    }

    /** @param onRefused told the ID of each peer {@code acceptedPeers} refused; null to log a warning */
    PeerCheckingTrustManager(X509ExtendedTrustManager chainValidation, Predicate<SpiffeId> acceptedPeers,
            Consumer<SpiffeId> onRefused) {
        this.chainValidation = chainValidation;
        this.acceptedPeers = acceptedPeers;
        this.onRefused = onRefused;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        validate(() -> chainValidation.checkClientTrusted(chain, authType), chain, "client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        validate(() -> chainValidation.checkServerTrusted(chain, authType), chain, "server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        validate(() -> chainValidation.checkClientTrusted(chain, authType, socket), chain, "client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        validate(() -> chainValidation.checkServerTrusted(chain, authType, socket), chain, "server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        validate(() -> chainValidation.checkClientTrusted(chain, authType, engine), chain, "client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        validate(() -> chainValidation.checkServerTrusted(chain, authType, engine), chain, "server");
    }

    /** No CA names are sent: peers pick their one SVID anyway. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    /** What the wrapped trust manager does; a lambda so each of the six entry points stays one line. */
    private interface ChainCheck {
        void run() throws CertificateException;
    }

    private void validate(ChainCheck chainCheck, X509Certificate[] chain, String side) throws CertificateException {
        try {
            chainCheck.run();
        } catch (CertificateException e) {
            // The ID is what the peer claims; the chain did not prove it.
            String note = REFUSALS.admit();
            if (note != null) {
                log().warn("refused TLS {} claiming {}: {}{}", side, claimedId(chain), e.getMessage(), note);
            }
            throw e;
        }
        SpiffeId peer = PeerIds.fromChain(chain);
        if (!acceptedPeers.test(peer)) {
            if (onRefused != null) {
                onRefused.accept(peer); // it reports the refusal itself
            } else {
                String note = REFUSALS.admit();
                if (note != null) {
                    log().warn("refused TLS {} {}: not {}{}", side, peer, acceptedPeers, note);
                }
            }
            throw new CertificateException("SPIFFE ID " + peer + " is not accepted here");
        }
    }

    private static String claimedId(X509Certificate[] chain) {
        try {
            return PeerIds.fromChain(chain).toString();
        } catch (CertificateException e) {
            return "no SPIFFE ID";
        }
    }

    /** Looked up when needed: a CLI run that logs nothing then never starts logging at all. */
    private static Logger log() {
        return LoggerFactory.getLogger(PeerCheckingTrustManager.class);
    }
}
