package ist.spike.pilot.policy;

import ist.spike.common.wire.policy.PolicyListItem;
import ist.spike.common.wire.policy.PolicyListRequest;
import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.command.UsageException;
import ist.spike.pilot.output.Format;
import ist.spike.pilot.output.Printer;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List policies, optionally only those with exactly this SPIFFE ID or path pattern.")
final class PolicyList implements Runnable {
    @Spec
    CommandSpec spec;
    @Option(names = "--path-pattern", description = "only policies with exactly this path pattern")
    String pathPattern;
    @Option(names = "--spiffeid-pattern", description = "only policies with exactly this SPIFFE ID pattern")
    String spiffeidPattern;
    @Option(names = {"-f", "--format"}, defaultValue = "human", converter = Format.Converter.class,
            description = "human, json or yaml")
    Format format;

    private final PilotContext context;

    PolicyList(PilotContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        if (pathPattern != null && spiffeidPattern != null) {
            throw new UsageException("give --path-pattern or --spiffeid-pattern, not both");
        }
        List<PolicyListItem> policies = context.client().listPolicies(new PolicyListRequest(
                spiffeidPattern == null ? "" : spiffeidPattern, pathPattern == null ? "" : pathPattern));
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, String>> items = policies.stream().map(PolicyList::item).toList();
        switch (format) {
            case JSON -> Printer.json(out, items, 2);
            case YAML -> Printer.yaml(out, items);
            case HUMAN -> {
                if (policies.isEmpty()) {
                    out.println("No policies found.");
                    return;
                }
                out.print("POLICIES\n========\n\n");
                policies.forEach(p -> out.print("Name: " + p.name() + "\n--------\n\n"));
                out.flush();
            }
        }
    }

    private static Map<String, String> item(PolicyListItem p) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("name", p.name());
        return out;
    }
}
