package ist.spike.pilot.policy;

import ist.spike.common.wire.policy.PolicyGetResponse;
import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.output.Format;
import ist.spike.pilot.output.Printer;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", mixinStandardHelpOptions = true, description = "Show one policy.")
final class PolicyGet implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", arity = "0..1", paramLabel = "[name]")
    String argument;
    @Option(names = "--name", description = "policy name (instead of the argument)")
    String option;
    @Option(names = {"-f", "--format"}, defaultValue = "human", converter = Format.Converter.class,
            description = "human, json or yaml")
    Format format;

    private final PilotContext context;

    PolicyGet(PilotContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        String name = PolicyName.of(argument, option);
        PolicyGetResponse p = PolicyName.existing(context.client(), name);
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            // Upstream's JSON carries its read model's key, typo included: spiffiedPattern.
            case JSON -> Printer.json(out, fields(p, "spiffiedPattern", "pathPattern", "createdAt", "updatedAt"), 2);
            // Upstream's YAML uses the lower-cased Go field names.
            case YAML -> Printer.yaml(out, fields(p, "spiffeidpattern", "pathpattern", "createdat", "updatedat"));
            case HUMAN -> {
                out.println("POLICY DETAILS");
                out.println("=============");
                out.println();
                out.println("Name: " + p.name());
                out.println("SPIFFE ID Pattern: " + p.spiffeIdPattern());
                out.println("Path Pattern: " + p.pathPattern());
                out.println("Permissions: " + String.join(", ", p.permissions()));
                out.println("Created At: " + rfc3339(p.createdAt()));
                if (!p.updatedAt().equals(Instant.parse("0001-01-01T00:00:00Z"))) {
                    out.println("Updated At: " + rfc3339(p.updatedAt()));
                }
            }
        }
    }

    private static Map<String, Object> fields(PolicyGetResponse p, String spiffeKey, String pathKey,
            String createdKey, String updatedKey) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("name", p.name());
        out.put(spiffeKey, p.spiffeIdPattern());
        out.put(pathKey, p.pathPattern());
        out.put("permissions", p.permissions());
        out.put(createdKey, rfc3339(p.createdAt()));
        out.put(updatedKey, rfc3339(p.updatedAt()));
        return out;
    }

    /** Go's time.RFC3339: whole seconds, Z for UTC. */
    private static String rfc3339(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
