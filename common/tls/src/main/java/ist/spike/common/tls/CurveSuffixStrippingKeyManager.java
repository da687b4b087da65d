package ist.spike.common.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * For BCJSSE: it asks for key types such as "EC/secp256r1" under TLS 1.3, while java-spiffe's key
 * manager only answers the plain algorithm ("EC"). This strips the "/curve" part before asking.
 */
final class CurveSuffixStrippingKeyManager extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager delegate;

    CurveSuffixStrippingKeyManager(X509ExtendedKeyManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(strip(keyType), issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return delegate.chooseClientAlias(strip(keyTypes), issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return delegate.chooseEngineClientAlias(strip(keyTypes), issuers, engine);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(strip(keyType), issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseServerAlias(strip(keyType), issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return delegate.chooseEngineServerAlias(strip(keyType), issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }

    private static String strip(String keyType) {
        if (keyType == null) {
            return null;
        }
        // TLS 1.2 asks by key exchange ("ECDHE_ECDSA"); our SVID keys are plain "EC".
        if (keyType.endsWith("_ECDSA")) {
            return "EC";
        }
        int slash = keyType.indexOf('/');
        return slash < 0 ? keyType : keyType.substring(0, slash);
    }

    private static String[] strip(String[] keyTypes) {
        return keyTypes == null ? null : Arrays.stream(keyTypes).map(CurveSuffixStrippingKeyManager::strip)
                .distinct().toArray(String[]::new);
    }
}
