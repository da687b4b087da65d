package ist.spike.devid;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jcajce.provider.BouncyCastleFipsProvider;

/**
 * The BC FIPS provider for certificate signing. This module must not depend on the common modules, so it
 * keeps its own lazy holder; it reuses a provider another part of the JVM already registered.
 */
final class BcFips {
    private BcFips() {}

    private static final class Holder {
        static final Provider PROVIDER = install();

        private static Provider install() {
            synchronized (Security.class) {
                Provider existing = Security.getProvider("BCFIPS");
                if (existing != null) {
                    return existing;
                }
                Provider provider = new BouncyCastleFipsProvider();
                Security.addProvider(provider);
                return provider;
            }
        }
    }

    static Provider provider() {
        return Holder.PROVIDER;
    }
}
