package ist.spike.demo;

import ist.spike.client.SpikeClient;
import ist.spike.client.SpikeException;
import java.util.Map;

/**
 * A workload like upstream's demo: with its own SPIFFE ID (not an operator's), it writes database
 * credentials to {@code tenants/demo/db/creds} and reads them back. It works only once an operator has
 * granted its ID write and read on that path with a policy; otherwise Nexus answers 401.
 */
public final class DemoWorkload {
    static final String PATH = "tenants/demo/db/creds";

    private DemoWorkload() {}

    public static void main(String[] args) {
        try (SpikeClient spike = SpikeClient.fromEnvironment()) {
            System.out.println("Demo workload running as " + spike.identity());
            spike.putSecret(PATH, Map.of("username", "demo-app", "password", "correct-horse-battery-staple"));
            System.out.println("Wrote " + PATH);
            Map<String, String> creds = spike.getSecret(PATH);
            System.out.println("Read " + PATH + ": username=" + creds.get("username") + ", password is "
                    + creds.getOrDefault("password", "").length() + " characters");
        } catch (SpikeException.UnauthorizedException e) {
            System.err.println("demo: Nexus refused this workload (401). Grant it access first, e.g.\n"
                    + "  spike policy create --name demo-rw --spiffeid-pattern '^spiffe://spike\\.ist/workload/demo$'"
                    + " --path-pattern '^tenants/demo/db/.*$' --permissions read,write");
            System.exit(2);
        } catch (SpikeException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
        }
    }
}
