package ist.spike.common.crypto;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.crypto.CryptoServicesRegistrar;

/**
 * The Bouncy Castle FIPS provider, created once and only when first needed: its power-up self-tests
 * are slow (docs/performance.md), so programs that never touch data crypto (the CLI's help) never pay for it.
 */
public final class Fips {
    private Fips() {}

    private static final class Holder {
        static final Provider PROVIDER = install();

        private static Provider install() {
            Provider existing = Security.getProvider("BCFIPS");
            if (existing != null) {
                return existing;
            }
            Provider provider = newProvider();
            Security.addProvider(provider);
            return provider;
        }

        /**
         * By name, not {@code new}: bytecode that hands a BouncyCastleFipsProvider on as a Provider makes
         * the verifier load the class to check that, and a JVM starting from an AOT cache links this
         * class at start-up, so it loaded it from the signed jar and verified the jar's signature there,
         * before main, on a single thread. Loaded here, that happens on the warm-up thread.
         */
        private static Provider newProvider() {
            try {
                return (Provider) Class.forName("org.bouncycastle.jcajce.provider.BouncyCastleFipsProvider")
                        .getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create the Bouncy Castle FIPS provider", e);
            }
        }
    }

    /** The registered BCFIPS provider. */
    public static Provider provider() {
        return Holder.PROVIDER;
    }

    /** True when the module runs in approved-only mode (-Dorg.bouncycastle.fips.approved_only=true). */
    public static boolean approvedOnly() {
        provider();
        return CryptoServicesRegistrar.isInApprovedOnlyMode();
    }
}
