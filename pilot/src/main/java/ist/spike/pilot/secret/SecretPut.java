package ist.spike.pilot.secret;

import ist.spike.pilot.command.PilotContext;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "put", mixinStandardHelpOptions = true,
        description = "Store a new version of the secret at <path>.")
final class SecretPut implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "<path>", description = "secret path, e.g. tenants/demo/db/creds")
    String path;
    @Parameters(index = "1..*", paramLabel = "<key=value>", arity = "1..*", description = {
            "one or more key=value pairs; value @FILE reads the file, - reads stdin,",
            "\\@ starts a literal '@' (files and stdin: UTF-8, byte for byte)"})
    List<String> pairs;

    private final PilotContext context;

    SecretPut(PilotContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        Map<String, String> values = SecretArguments.pairs(pairs, context.stdin());
        context.client().putSecret(SecretArguments.path(path), values);
        spec.commandLine().getOut().println("OK");
    }
}
