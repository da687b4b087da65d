package ist.spike.common.tls;

import ist.spike.common.crypto.Fips;
import ist.spike.common.spiffe.IdentitySource;
import io.spiffe.provider.SpiffeKeyManager;
import io.spiffe.provider.SpiffeTrustManager;
import io.spiffe.spiffeid.SpiffeId;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * SSLContexts for mutual TLS by SPIFFE ID. Our SVID is presented from the identity source on every
 * handshake (so rotations apply to new connections at once); the peer's chain must validate against
 * the bundle of its trust domain and its ID must pass {@code acceptedPeers}.
 *
 * <p>Contexts are not tied to a side: the same code serves a server (accepted clients) and a client
 * (accepted servers). Protocols are limited to {@link #PROTOCOLS} where the engine is configured:
 * by {@code MtlsServer} (Nexus) and {@link MtlsClient}, or by {@link #parameters(SSLContext)}.
 */
public final class MtlsContexts {
    /** TLS 1.3 preferred, 1.2 allowed, nothing older. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * Cipher suites, best first: TLS 1.3's (all AEAD, all with ephemeral keys) and, for TLS 1.2, only
     * ECDHE key exchange (forward secrecy) with an AEAD cipher. Those the engine lacks (ChaCha20 in FIPS
     * mode) are left out by {@link #cipherSuites(SSLContext)}.
     */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /**
     * Bounds how long a resumed session can stand in for a fresh handshake: resumption skips the
     * certificate checks, so a peer's expired or rotated SVID is noticed within this time.
     */
    public static final int SESSION_TIMEOUT_SECONDS = 300;

    private MtlsContexts() {}

    /** A context for a server that accepts clients whose ID passes {@code acceptedClients}. */
    public static SSLContext server(IdentitySource identity, Predicate<SpiffeId> acceptedClients) {
        return create(identity, acceptedClients, defaultEngine());
    }

    /** A context for a client that talks only to servers whose ID passes {@code acceptedServers}. */
    public static SSLContext client(IdentitySource identity, Predicate<SpiffeId> acceptedServers) {
        return create(identity, acceptedServers, defaultEngine());
    }

    /**
     * A client context like {@link #client(IdentitySource, Predicate)} whose refusals go to {@code onRefused}
     * (with the ID the server presented) instead of a warning per handshake.
     */
    public static SSLContext client(IdentitySource identity, Predicate<SpiffeId> acceptedServers,
            Consumer<SpiffeId> onRefused) {
        return create(identity, acceptedServers, onRefused, defaultEngine());
    }

    /** BCJSSE in FIPS mode (SPIKE_FIPS_MODE=true), the JDK's TLS otherwise. */
    public static TlsEngine defaultEngine() {
        return ist.spike.common.crypto.FipsMode.enabled() ? TlsEngine.BC_FIPS : TlsEngine.JDK;
    }

    /** A context on the chosen TLS engine; {@code acceptedPeers} judges the other side. */
    public static SSLContext create(IdentitySource identity, Predicate<SpiffeId> acceptedPeers, TlsEngine engine) {
        return create(identity, acceptedPeers, null, engine);
    }

    private static SSLContext create(IdentitySource identity, Predicate<SpiffeId> acceptedPeers,
            Consumer<SpiffeId> onRefused, TlsEngine engine) {
        X509ExtendedKeyManager keyManager = new SpiffeKeyManager(identity.x509Source());
        TrustManager trustManager = new PeerCheckingTrustManager(
                new SpiffeTrustManager(identity.x509Source()), acceptedPeers, onRefused);
        try {
            SSLContext context;
            if (engine == TlsEngine.BC_FIPS) {
                context = SSLContext.getInstance("TLS", BcJsse.PROVIDER);
                keyManager = new CurveSuffixStrippingKeyManager(keyManager);
            } else {
                context = SSLContext.getInstance("TLS");
            }
            context.init(new KeyManager[] {keyManager}, new TrustManager[] {trustManager}, null);
            context.getServerSessionContext().setSessionTimeout(SESSION_TIMEOUT_SECONDS);
            context.getClientSessionContext().setSessionTimeout(SESSION_TIMEOUT_SECONDS);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context on " + engine, e);
        }
    }

    /** SSL parameters for engines made from {@code context}: only {@link #PROTOCOLS} and {@link #CIPHER_SUITES}. */
    public static SSLParameters parameters(SSLContext context) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS.toArray(String[]::new));
        parameters.setCipherSuites(cipherSuites(context));
        return parameters;
    }

    /** {@link #CIPHER_SUITES} that {@code context}'s engine supports, in that order. */
    public static String[] cipherSuites(SSLContext context) {
        List<String> supported = List.of(context.getSupportedSSLParameters().getCipherSuites());
        return CIPHER_SUITES.stream().filter(supported::contains).toArray(String[]::new);
    }

    /** One BCJSSE provider in FIPS mode; created on first use so the JDK path never loads it. */
    private static final class BcJsse {
        static final Provider PROVIDER = new BouncyCastleJsseProvider(true, Fips.provider());
    }
}
