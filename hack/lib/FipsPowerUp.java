import java.security.Provider;

/**
 * Usage: java -cp dist/lib/nexus.jar hack/lib/FipsPowerUp.java
 *
 * <p>The Bouncy Castle FIPS power-up alone, in a JVM doing nothing else: the floor under a Nexus restart
 * (its store cannot open before the module is ready). hack/bench-memory.sh prints it next to the restart
 * times, as the machine's yardstick: on a shared host both move together. Prints the milliseconds
 * the provider's constructor took (the module's integrity check and self-tests).
 */
public final class FipsPowerUp {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Provider provider = (Provider) Class.forName("org.bouncycastle.jcajce.provider.BouncyCastleFipsProvider")
                .getConstructor().newInstance();
        javax.crypto.Cipher.getInstance("AES/GCM/NoPadding", provider); // ready for what Nexus needs first
        System.out.println((System.nanoTime() - start) / 1_000_000);
    }
}
