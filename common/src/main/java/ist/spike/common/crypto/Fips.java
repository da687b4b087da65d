package ist.spike.common.crypto;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.crypto.CryptoServicesRegistrar;
import org.bouncycastle.jcajce.provider.BouncyCastleFipsProvider;

/**
 * The Bouncy Castle FIPS provider, created once and only when first needed: its power-up self-tests
 * cost about a second, so programs that never touch data crypto (the CLI's help) never pay for it.
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
            Provider provider = new BouncyCastleFipsProvider();
            Security.addProvider(provider);
            return provider;
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
