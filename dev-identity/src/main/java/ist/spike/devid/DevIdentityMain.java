package ist.spike.devid;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code spike-dev-identity}: the dev identity provider as a program, for local runs and demos.
 * Runs until SIGTERM (or Ctrl-C) and removes its sockets on the way out.
 */
public final class DevIdentityMain {
    /** Logback reads this before the first logger exists; an operator's own setting wins. */
    private static final String LOGBACK_CONFIG = "spike-dev-identity-logback.xml";

    private DevIdentityMain() {}

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

        DevIdentityOptions options;
        try {
            options = DevIdentityOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("spike-dev-identity: " + e.getMessage());
            System.err.print(DevIdentityOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(DevIdentityOptions.USAGE);
            return;
        }
        printWarning(System.err);
        DevIdentityProvider provider;
        try {
            provider = open(options);
        } catch (RuntimeException | IOException e) {
            System.err.println("spike-dev-identity: " + e.getMessage());
            System.exit(1);
            return;
        }
        // Before the first socket exists: a SIGTERM right after it appears must still remove it.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            provider.close();
            stopped.countDown();
        }, "dev-identity-shutdown"));
        try {
            serveAll(provider, options, System.out);
        } catch (RuntimeException | IOException e) {
            System.err.println("spike-dev-identity: " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the provider as the options say and prints what it serves; the caller closes it. */
    static DevIdentityProvider start(DevIdentityOptions options, PrintStream out) throws IOException {
        DevIdentityProvider provider = open(options);
        try {
            serveAll(provider, options, out);
            return provider;
        } catch (IOException | RuntimeException e) {
            provider.close();
            throw e;
        }
    }

    /** The provider with its CA, serving nothing yet. */
    private static DevIdentityProvider open(DevIdentityOptions options) throws IOException {
        Path dir = options.dir().toAbsolutePath();
        SvidFiles.createDirectory(dir);
        return DevIdentityProvider.start(dir, options.trustDomain(), options.ttl());
    }

    /** Writes the trust bundle, serves every identity of the options and prints what it serves. */
    private static void serveAll(DevIdentityProvider provider, DevIdentityOptions options, PrintStream out)
            throws IOException {
        Path dir = options.dir().toAbsolutePath();
        Path bundle = dir.resolve("bundle.pem");
        SvidFiles.writeBundle(provider.caCertificatePem(), bundle);
        out.println("trust bundle (CA certificate): " + bundle);
        for (Map.Entry<String, String> identity : options.identities().entrySet()) {
            String name = identity.getKey();
            String spiffeId = options.spiffeId(identity.getValue());
            Path socket = provider.serve(name, spiffeId);
            out.printf("%-10s SPIFFE_ENDPOINT_SOCKET=unix://%s  %s%n", name, socket, spiffeId);
            if (options.svidFiles()) {
                Path files = provider.writeSvidFiles(spiffeId, dir.resolve("svid").resolve(name));
                out.printf("%-10s SPIKE_SVID_DIR=%s%n", "", files);
            }
        }
        out.println("SVIDs live " + TtlText.format(options.ttl()) + " and are re-issued at half of that. Stop with SIGTERM or Ctrl-C.");
        out.flush();
    }

    private static void printWarning(PrintStream err) {
        String line = "!".repeat(78);
        err.println(line);
        err.println("!!  " + DevIdentityProvider.NOT_FOR_PRODUCTION.replace(". ", ".\n!!  "));
        err.println(line);
        err.flush();
    }
}
